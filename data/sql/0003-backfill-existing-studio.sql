-- 0003-backfill-existing-studio.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Carries the studio's existing choices into Lorakeet's tables, once. Only inserts into
-- Lorakeet's own tables; on an empty database it does nothing.

-- 1. Each project gets the profile the old code picked from its name ("Tokyo" →
--    tokyo_debt_realism, "Cyberpunk" → cyberpunk_anime, anything else → tokyo_debt_realism;
--    case-sensitive, as the old code was), only where that profile exists.
INSERT INTO project_profiles (project_id, profile_id)
SELECT p.id, picked.id
FROM projects p
CROSS JOIN LATERAL (
  SELECT gp.id
  FROM generation_profiles gp
  WHERE gp.name = CASE
                    WHEN strpos (p.name, 'Tokyo') > 0 THEN 'tokyo_debt_realism'
                    WHEN strpos (p.name, 'Cyberpunk') > 0 THEN 'cyberpunk_anime'
                    ELSE 'tokyo_debt_realism'
                  END
  ORDER BY gp.id
  LIMIT 1
) AS picked
ON CONFLICT (project_id) DO NOTHING;

-- 2. Every LoRA already in the catalog starts a lineage of its own, with its file facts row.
INSERT INTO lora_lineages (name)
SELECT DISTINCT m.name
FROM ai_models m
WHERE m.type = 'lora'
ON CONFLICT (name) DO NOTHING;

INSERT INTO model_details (model_id, lineage_id)
SELECT m.id, l.id
FROM ai_models m
LEFT JOIN lora_lineages l ON l.name = m.name AND m.type = 'lora'
ON CONFLICT (model_id) DO NOTHING;

-- 3. A profile's LoRA goes to the one character it was trained for: the LoRA's name starts
--    with the character's first name (case-insensitive, and not followed by another letter,
--    so "mei_working_v1" → "Mei Kobayashi" but not "Meiko"), and exactly one character of
--    the projects using that profile matches. No other character gets it.
WITH candidates AS (
  SELECT gp.lora_id AS model_id, c.id AS character_id, c.project_id
  FROM generation_profiles gp
  JOIN ai_models m ON m.id = gp.lora_id AND m.type = 'lora'
  JOIN project_profiles pp ON pp.profile_id = gp.id
  JOIN characters c ON c.project_id = pp.project_id
  CROSS JOIN LATERAL (SELECT split_part (btrim (c.name), ' ', 1) AS first_name) AS f
  WHERE f.first_name <> ''
    AND left (lower (m.name), length (f.first_name)) = lower (f.first_name)
    AND substr (m.name, length (f.first_name) + 1, 1) !~ '^[[:alpha:]]$'
),
unique_matches AS (
  SELECT model_id, min (character_id) AS character_id, min (project_id) AS project_id
  FROM (SELECT DISTINCT model_id, character_id, project_id FROM candidates) AS d
  GROUP BY model_id
  HAVING count (*) = 1
)
INSERT INTO character_loras (character_id, project_id, model_id, is_current,
                             promoted_by, promoted_at)
SELECT u.character_id, u.project_id, u.model_id, true, 'lorakeet-migration', now ()
FROM unique_matches u
WHERE NOT EXISTS (SELECT 1 FROM character_loras cl
                  WHERE cl.character_id = u.character_id
                    AND cl.project_id = u.project_id
                    AND cl.is_current)
ON CONFLICT (character_id, project_id, model_id) DO NOTHING;
