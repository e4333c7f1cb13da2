-- 0004-training.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Training a character's LoRA: the role and content hash of each reference image, what a
-- character's captions must say (trigger and class words, fixed traits), and the training
-- runs with where their export, log and resulting model are. Only additions.

-- A reference image is a model sheet to look at, or an image to train on. The hash keeps
-- the same picture from being added twice to one character under another name.
ALTER TABLE character_reference_images
  ADD COLUMN role text NOT NULL DEFAULT 'reference-sheet'
    CHECK (role IN ('reference-sheet', 'training-image')),
  ADD COLUMN content_hash text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN width integer CHECK (width > 0),
  ADD COLUMN height integer CHECK (height > 0);
CREATE UNIQUE INDEX character_reference_images_hash_idx
  ON character_reference_images (character_id, content_hash);

-- How a character is captioned for training. Fixed traits (hair and eye colour, the
-- signature outfit) belong to the trigger word, so captions should mostly leave them out.
CREATE TABLE character_training (
  character_id bigint PRIMARY KEY REFERENCES characters (id) ON DELETE CASCADE,
  trigger_word text NOT NULL CHECK (trigger_word <> ''),
  class_word   text NOT NULL DEFAULT '1girl' CHECK (class_word <> ''),
  traits       text[] NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One export or run of the trainer for a character.
CREATE TABLE training_runs (
  id           bigserial PRIMARY KEY,
  character_id bigint REFERENCES characters (id) ON DELETE SET NULL,
  output_name  text NOT NULL,
  export_dir   text NOT NULL,
  command      text[] NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'exported'
               CHECK (status IN ('exported', 'running', 'succeeded', 'failed', 'cancelled')),
  log_path     text,
  model_id     bigint REFERENCES ai_models (id) ON DELETE SET NULL,
  error        text,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX training_runs_character_idx ON training_runs (character_id, created_at DESC);

CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON character_training
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('character_id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON training_runs
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
