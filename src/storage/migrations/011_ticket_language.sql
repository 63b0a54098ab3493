-- The language the admin wrote in when filing a request (en, de, zh-Hans, zh-Hant): the handoff tells
-- them what happens to it in that language, and the console shows it so an agent knows before writing.
-- Requests filed before languages existed were all in English.
ALTER TABLE tickets ADD COLUMN language text NOT NULL DEFAULT 'en'
  CHECK (language IN ('en', 'de', 'zh-Hans', 'zh-Hant'));
