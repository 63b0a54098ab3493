-- Roles of agents (#18, #19): a manager also sees the team's insights and configures the webhooks to the
-- team's own helpdesk. Every existing agent stays an agent; `npm run agent -- role <id> manager` promotes.
ALTER TABLE agents ADD COLUMN role text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'manager'));
