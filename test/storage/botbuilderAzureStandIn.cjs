// Stands in for botbuilder-azure (not a dependency of this project) in the vendored storageBaseTests.cjs,
// which uses its BlobStorage and CosmosDbPartitionedStorage classes only in `instanceof` checks that pick
// what read(null) and write(null) must do. Nothing here is a BlobStorage. A storage class passed to
// `throwsOnNullLikeBotbuilder` counts as a CosmosDbPartitionedStorage, so the suite expects of it what it
// expects of botbuilder's own MemoryStorage and CosmosDbPartitionedStorage: ReferenceError('Keys are
// required when reading.') and ReferenceError('Changes are required when writing.').
const throwingClasses = new Set();

class BlobStorage {}

class CosmosDbPartitionedStorage {
  static [Symbol.hasInstance](value) {
    return [...throwingClasses].some((cls) => value instanceof cls);
  }
}

function throwsOnNullLikeBotbuilder(storageClass) {
  throwingClasses.add(storageClass);
}

module.exports = { BlobStorage, CosmosDbPartitionedStorage, throwsOnNullLikeBotbuilder };
