-- studio-existing.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A catalog in the shape the studio runs today, before Lorakeet ever touched it: its own ids,
-- extra columns of its own, the only trained LoRA hung on a profile, and the profile chosen
-- in code from the project name.

CREATE TABLE projects (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ai_models (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  type       text NOT NULL,
  model_path text,
  file_path  text,
  notes      text
);

CREATE TABLE video_workflow_templates (
  id                serial PRIMARY KEY,
  name              text NOT NULL,
  workflow_template jsonb NOT NULL
);

CREATE TABLE generation_profiles (
  id                         serial PRIMARY KEY,
  name                       text NOT NULL,
  checkpoint_id              integer REFERENCES ai_models (id),
  lora_id                    integer REFERENCES ai_models (id),
  video_workflow_template_id integer REFERENCES video_workflow_templates (id)
);

CREATE TABLE characters (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  project_id  integer REFERENCES projects (id),
  description text,
  age         integer
);

ALTER SEQUENCE projects_id_seq RESTART WITH 40;
ALTER SEQUENCE characters_id_seq RESTART WITH 700;
ALTER SEQUENCE ai_models_id_seq RESTART WITH 11;
ALTER SEQUENCE video_workflow_templates_id_seq RESTART WITH 3;
ALTER SEQUENCE generation_profiles_id_seq RESTART WITH 5;

INSERT INTO projects (name) VALUES
  ('Tokyo Debt Desire'),          -- 40
  ('Cyberpunk Goblin Slayer'),    -- 41
  ('Summer Festival Shorts');     -- 42: no keyword, the old code fell back to Tokyo's profile

INSERT INTO characters (name, project_id, description, age) VALUES
  ('Mei Kobayashi', 40, 'Office worker in debt', 24),
  ('Rina Suzuki', 40, 'Elegant, supportive', 26),
  ('Yuki Tanaka', 40, 'Energetic, youthful', 19),
  ('Takeshi Sato', 40, 'Authoritative, stern', 52),
  ('Meiko Ito', 40, 'Mei''s coworker', 31),
  ('Goblin Slayer', 41, 'Armored, cyberpunk', NULL),
  ('Hana Mori', 42, 'Festival dancer', 21);

INSERT INTO ai_models (name, type, model_path, file_path, notes) VALUES
  ('realisticVisionV51', 'checkpoint', 'realisticVisionV51_v51VAE.safetensors',
   '/mnt/studio/comfyui/models/checkpoints/realisticVisionV51_v51VAE.safetensors', NULL),
  ('anything-v5', 'checkpoint', 'anything-v5-PrtRE.safetensors',
   '/mnt/studio/comfyui/models/checkpoints/anything-v5-PrtRE.safetensors', NULL),
  ('mei_working_v1', 'lora', 'mei_working_v1.safetensors',
   '/mnt/studio/comfyui/models/loras/mei_working_v1.safetensors', 'trained 2025-09, 10 epochs');

INSERT INTO video_workflow_templates (name, workflow_template) VALUES
  ('studio_still', '{
     "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "realisticVisionV51_v51VAE.safetensors"}},
     "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "mei_working_v1.safetensors",
            "strength_model": 1.0, "strength_clip": 1.0, "model": ["4", 0], "clip": ["4", 1]}},
     "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "1girl", "clip": ["10", 1]}},
     "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "lowres", "clip": ["10", 1]}},
     "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 768, "batch_size": 1}},
     "3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20, "cfg": 7, "sampler_name": "euler",
           "scheduler": "normal", "denoise": 1, "model": ["10", 0], "positive": ["6", 0],
           "negative": ["7", 0], "latent_image": ["5", 0]}},
     "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
     "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "anime_image", "images": ["8", 0]}}
   }'),
  ('studio_video', '{
     "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "anything-v5-PrtRE.safetensors"}},
     "10": {"class_type": "LoraLoader", "inputs": {"lora_name": "mei_working_v1.safetensors",
            "strength_model": 1.0, "strength_clip": 1.0, "model": ["4", 0], "clip": ["4", 1]}},
     "11": {"class_type": "ADE_AnimateDiffLoaderWithContext", "inputs": {"model_name": "mm_sd_v15_v2.ckpt",
            "beta_schedule": "sqrt_linear (AnimateDiff)", "model": ["10", 0]}},
     "13": {"class_type": "VHS_VideoCombine", "inputs": {"images": ["8", 0], "frame_rate": 8,
            "loop_count": 0, "filename_prefix": "anime_video", "format": "video/h264-mp4",
            "pingpong": false, "save_output": true}}
   }');

INSERT INTO generation_profiles (name, checkpoint_id, lora_id, video_workflow_template_id) VALUES
  ('tokyo_debt_realism', 11, 13, 3),   -- 5: the profile every Tokyo character used, Mei's LoRA on it
  ('cyberpunk_anime', 12, NULL, 4);    -- 6
