-- 0002-lorakeet-catalog.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- What Lorakeet adds to the studio's catalog. Only new tables, indexes and triggers: the
-- studio's tables keep their columns, so the studio's own SQL keeps working. Links to the
-- studio's rows cascade when the studio deletes a row (so its tools are never blocked by a
-- foreign key of ours); history (jobs) keeps its rows and forgets the link instead.

-- Which generation profile a project uses (replaces matching project names in code).
CREATE TABLE project_profiles (
  project_id bigint PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  profile_id bigint NOT NULL REFERENCES generation_profiles (id) ON DELETE CASCADE,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_profiles_profile_idx ON project_profiles (profile_id);

-- A LoRA lineage: the files of one character's training runs, grouped by kohya's
-- ss_output_name (or the file name without its epoch suffix).
CREATE TABLE lora_lineages (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Facts about a model file (LoRA or checkpoint), read from the file itself.
CREATE TABLE model_details (
  model_id          bigint PRIMARY KEY REFERENCES ai_models (id) ON DELETE CASCADE,
  base_model        text,           -- family: sd15, sd2, sdxl, sd3, flux; NULL = unknown
  base_model_source text NOT NULL DEFAULT 'metadata'
                    CHECK (base_model_source IN ('metadata', 'manual')),
  sha256            text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_size         bigint CHECK (file_size >= 0),
  metadata          jsonb,          -- the safetensors __metadata__ object
  lineage_id        bigint REFERENCES lora_lineages (id) ON DELETE SET NULL,
  training_session  text,           -- ss_session_id
  epoch             integer,
  steps             integer,
  trained_at        timestamptz,
  scanned_at        timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_details_lineage_idx ON model_details (lineage_id);
CREATE INDEX model_details_sha256_idx ON model_details (sha256);

-- Named trigger-word sets of a lineage: "base", plus one per outfit.
CREATE TABLE lora_trigger_sets (
  id         bigserial PRIMARY KEY,
  lineage_id bigint NOT NULL REFERENCES lora_lineages (id) ON DELETE CASCADE,
  name       text NOT NULL,
  words      text[] NOT NULL DEFAULT '{}',
  position   integer NOT NULL DEFAULT 0,
  UNIQUE (lineage_id, name)
);

-- The LoRA versions a character has had in a project; exactly one may be current.
CREATE TABLE character_loras (
  id             bigserial PRIMARY KEY,
  character_id   bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  project_id     bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  model_id       bigint NOT NULL REFERENCES ai_models (id) ON DELETE CASCADE,
  strength_model real NOT NULL DEFAULT 0.8 CHECK (strength_model BETWEEN -10 AND 10),
  strength_clip  real NOT NULL DEFAULT 0.8 CHECK (strength_clip BETWEEN -10 AND 10),
  is_current     boolean NOT NULL DEFAULT false,
  promoted_by    text,
  promoted_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (character_id, project_id, model_id)
);
CREATE UNIQUE INDEX character_loras_current_idx
  ON character_loras (character_id, project_id) WHERE is_current;
CREATE INDEX character_loras_model_idx ON character_loras (model_id);

-- Reference images of a character (model sheets, approved frames).
CREATE TABLE character_reference_images (
  id           bigserial PRIMARY KEY,
  character_id bigint NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
  file_path    text NOT NULL,
  caption      text,
  position     integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (character_id, file_path)
);

-- One generation, recorded before it is submitted to ComfyUI.
CREATE TABLE generation_jobs (
  id            bigserial PRIMARY KEY,
  character_id  bigint REFERENCES characters (id) ON DELETE SET NULL,
  profile_id    bigint REFERENCES generation_profiles (id) ON DELETE SET NULL,
  template_id   bigint REFERENCES video_workflow_templates (id) ON DELETE SET NULL,
  checkpoint_id bigint REFERENCES ai_models (id) ON DELETE SET NULL,
  lora_model_id bigint REFERENCES ai_models (id) ON DELETE SET NULL,
  trigger_set   text,
  server_url    text NOT NULL,
  prompt_id     text,
  workflow      jsonb NOT NULL,
  seed          bigint,
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'queued', 'running', 'succeeded', 'failed',
                                  'cancelled', 'lost')),
  error         text,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX generation_jobs_character_idx ON generation_jobs (character_id, created_at DESC);
CREATE INDEX generation_jobs_unfinished_idx ON generation_jobs (status)
  WHERE status IN ('pending', 'queued', 'running');
CREATE INDEX generation_jobs_prompt_idx ON generation_jobs (prompt_id);

-- The files a job produced, as ComfyUI names them.
CREATE TABLE generation_outputs (
  id         bigserial PRIMARY KEY,
  job_id     bigint NOT NULL REFERENCES generation_jobs (id) ON DELETE CASCADE,
  filename   text NOT NULL,
  subfolder  text NOT NULL DEFAULT '',
  type       text NOT NULL DEFAULT 'output',
  kind       text NOT NULL CHECK (kind IN ('image', 'video')),
  node_id    text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job_id, filename, subfolder, type)
);

-- Review state of an output, keyed by the file's content hash so it follows the file.
CREATE TABLE output_reviews (
  id           bigserial PRIMARY KEY,
  content_hash text NOT NULL UNIQUE,
  output_id    bigint REFERENCES generation_outputs (id) ON DELETE SET NULL,
  verdict      text CHECK (verdict IN ('approved', 'rejected')),
  rating       smallint CHECK (rating BETWEEN 1 AND 5),
  note         text,
  reviewed_by  text NOT NULL,
  reviewed_at  timestamptz NOT NULL DEFAULT now()
);

-- Lookups the studio's tables lack (joins on these run for every character listing).
CREATE INDEX IF NOT EXISTS characters_project_idx ON characters (project_id);

-- Live updates: every change is announced on channel lorakeet_catalog as
-- {"table": …, "op": "INSERT"|"UPDATE"|"DELETE", "id": …}. TG_ARGV[0] names the key column.
CREATE FUNCTION lorakeet_notify_change () RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_json := to_jsonb (OLD);
  ELSE
    row_json := to_jsonb (NEW);
  END IF;
  PERFORM pg_notify ('lorakeet_catalog',
                     json_build_object ('table', TG_TABLE_NAME,
                                        'op', TG_OP,
                                        'id', row_json -> TG_ARGV[0])::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON characters
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON ai_models
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON generation_profiles
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON video_workflow_templates
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON project_profiles
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('project_id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON lora_lineages
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON model_details
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('model_id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON lora_trigger_sets
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON character_loras
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON character_reference_images
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON generation_jobs
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON generation_outputs
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
CREATE TRIGGER lorakeet_notify AFTER INSERT OR UPDATE OR DELETE ON output_reviews
  FOR EACH ROW EXECUTE FUNCTION lorakeet_notify_change ('id');
