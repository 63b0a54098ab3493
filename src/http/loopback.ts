/** Whether a socket's remote address is this machine (IPv4 loopback, IPv6 loopback, or IPv4-mapped loopback). */
export const isLoopbackAddress = (address: string | undefined): boolean => /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/.test(address ?? '');

/** Whether a URL's host name names this machine. */
export const isLoopbackHost = (hostname: string): boolean => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(hostname);
