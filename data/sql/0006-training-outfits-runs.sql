-- 0006-training-outfits-runs.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Outfit triggers kept with the character, so every artist's export trains the same
-- concepts; and where a training run's process lives, so a run outlives the window that
-- started it and is found again after Lorakeet restarts. Only additions.

-- One outfit concept of a character's LoRA: images whose caption holds the trigger go to
-- their own "<repeats>_<trigger> <class>" folder.
CREATE TABLE character_outfit_triggers (
  character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  trigger_word text NOT NULL CHECK (trigger_word ~ '^[^\s,]+$'),
  repeats      integer NOT NULL DEFAULT 10 CHECK (repeats BETWEEN 1 AND 1000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (character_id, trigger_word)
);

CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON character_outfit_triggers
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('character_id');

-- The machine and process a running trainer has, and the file its exit status is written
-- to when it ends; "interrupted" is a run whose process vanished without writing one.
ALTER TABLE training_runs
  ADD COLUMN host        text,
  ADD COLUMN pid         integer CHECK (pid > 0),
  ADD COLUMN status_path text,
  DROP CONSTRAINT training_runs_status_check,
  ADD CONSTRAINT training_runs_status_check
    CHECK (status IN ('exported', 'running', 'succeeded', 'failed', 'cancelled',
                      'interrupted'));
