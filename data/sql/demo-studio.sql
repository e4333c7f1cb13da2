-- demo-studio.sql
--
-- Copyright 2026 The Lorakeet authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The demo studio of the studio's own documentation: two projects, five characters, two
-- profiles, their checkpoints, a still-image and an AnimateDiff video template (ComfyUI API
-- format, LoraLoader at node "10"). Applied on top of the migrated schema by
-- `lorakeet-cli db demo` and on the first start of the embedded database. Safe to run again:
-- every row is inserted only when a row of that name is missing. The demo LoRA file itself
-- (mei_working_v1) is registered by Lorakeet afterwards, from the real file.

INSERT INTO projects (name)
SELECT v.name FROM (VALUES ('Tokyo Debt Desire'), ('Cyberpunk Goblin Slayer')) AS v (name)
WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.name = v.name);

INSERT INTO characters (name, project_id, description)
SELECT v.name, p.id, v.description
FROM (VALUES
  ('Mei Kobayashi', 'Tokyo Debt Desire', 'Office worker drowning in debt; determined, tired eyes'),
  ('Rina Suzuki', 'Tokyo Debt Desire', 'Elegant, supportive'),
  ('Yuki Tanaka', 'Tokyo Debt Desire', 'Energetic, youthful'),
  ('Takeshi Sato', 'Tokyo Debt Desire', 'Authoritative, stern'),
  ('Goblin Slayer', 'Cyberpunk Goblin Slayer', 'Armored, cyberpunk')
) AS v (name, project, description)
JOIN projects p ON p.name = v.project
WHERE NOT EXISTS (SELECT 1 FROM characters c WHERE c.name = v.name AND c.project_id = p.id);

INSERT INTO ai_models (name, type, model_path, file_path)
SELECT v.name, 'checkpoint', v.model_path, NULL
FROM (VALUES
  ('realisticVisionV51', 'realisticVisionV51_v51VAE.safetensors'),
  ('anything-v5', 'anything-v5-PrtRE.safetensors')
) AS v (name, model_path)
WHERE NOT EXISTS (SELECT 1 FROM ai_models m WHERE m.name = v.name AND m.type = 'checkpoint');

INSERT INTO model_details (model_id, base_model, base_model_source)
SELECT m.id, 'sd15', 'manual'
FROM ai_models m
WHERE m.type = 'checkpoint' AND m.name IN ('realisticVisionV51', 'anything-v5')
ON CONFLICT (model_id) DO NOTHING;

INSERT INTO video_workflow_templates (name, workflow_template)
SELECT 'anime_still_sd15', $json$
{
  "3": {"class_type": "KSampler", "_meta": {"title": "KSampler"},
        "inputs": {"seed": 156680208700286, "steps": 25, "cfg": 7.0,
                   "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1.0,
                   "model": ["10", 0], "positive": ["6", 0], "negative": ["7", 0],
                   "latent_image": ["5", 0]}},
  "4": {"class_type": "CheckpointLoaderSimple", "_meta": {"title": "Load Checkpoint"},
        "inputs": {"ckpt_name": "realisticVisionV51_v51VAE.safetensors"}},
  "5": {"class_type": "EmptyLatentImage", "_meta": {"title": "Empty Latent Image"},
        "inputs": {"width": 512, "height": 768, "batch_size": 1}},
  "6": {"class_type": "CLIPTextEncode", "_meta": {"title": "Positive prompt"},
        "inputs": {"text": "masterpiece, best quality, 1girl, anime style, tokyo street at night",
                   "clip": ["10", 1]}},
  "7": {"class_type": "CLIPTextEncode", "_meta": {"title": "Negative prompt"},
        "inputs": {"text": "lowres, bad anatomy, bad hands, text, watermark, blurry",
                   "clip": ["10", 1]}},
  "8": {"class_type": "VAEDecode", "_meta": {"title": "VAE Decode"},
        "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
  "9": {"class_type": "SaveImage", "_meta": {"title": "Save Image"},
        "inputs": {"filename_prefix": "anime_image", "images": ["8", 0]}},
  "10": {"class_type": "LoraLoader", "_meta": {"title": "Character LoRA"},
         "inputs": {"lora_name": "mei_working_v1.safetensors", "strength_model": 0.8,
                    "strength_clip": 0.8, "model": ["4", 0], "clip": ["4", 1]}}
}
$json$::jsonb
WHERE NOT EXISTS (SELECT 1 FROM video_workflow_templates t WHERE t.name = 'anime_still_sd15');

INSERT INTO video_workflow_templates (name, workflow_template)
SELECT 'anime_video_animatediff', $json$
{
  "3": {"class_type": "KSampler", "_meta": {"title": "KSampler"},
        "inputs": {"seed": 887123004512, "steps": 20, "cfg": 7.5,
                   "sampler_name": "euler_ancestral", "scheduler": "normal", "denoise": 1.0,
                   "model": ["11", 0], "positive": ["6", 0], "negative": ["7", 0],
                   "latent_image": ["5", 0]}},
  "4": {"class_type": "CheckpointLoaderSimple", "_meta": {"title": "Load Checkpoint"},
        "inputs": {"ckpt_name": "anything-v5-PrtRE.safetensors"}},
  "5": {"class_type": "EmptyLatentImage", "_meta": {"title": "Empty Latent Image"},
        "inputs": {"width": 512, "height": 512, "batch_size": 16}},
  "6": {"class_type": "CLIPTextEncode", "_meta": {"title": "Positive prompt"},
        "inputs": {"text": "masterpiece, best quality, anime, cyberpunk city, neon rain, walking",
                   "clip": ["10", 1]}},
  "7": {"class_type": "CLIPTextEncode", "_meta": {"title": "Negative prompt"},
        "inputs": {"text": "lowres, bad anatomy, worst quality, watermark, flicker",
                   "clip": ["10", 1]}},
  "8": {"class_type": "VAEDecode", "_meta": {"title": "VAE Decode"},
        "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
  "10": {"class_type": "LoraLoader", "_meta": {"title": "Character LoRA"},
         "inputs": {"lora_name": "mei_working_v1.safetensors", "strength_model": 0.8,
                    "strength_clip": 0.8, "model": ["4", 0], "clip": ["4", 1]}},
  "11": {"class_type": "ADE_AnimateDiffLoaderWithContext",
         "_meta": {"title": "AnimateDiff Loader [Legacy] 🎭🅐🅓①"},
         "inputs": {"model_name": "mm_sd_v15_v2.ckpt",
                    "beta_schedule": "sqrt_linear (AnimateDiff)", "motion_scale": 1.0,
                    "apply_v2_models_properly": true, "model": ["10", 0],
                    "context_options": ["12", 0]}},
  "12": {"class_type": "ADE_AnimateDiffUniformContextOptions",
         "_meta": {"title": "Uniform Context Options 🎭🅐🅓"},
         "inputs": {"context_length": 16, "context_stride": 1, "context_overlap": 4,
                    "context_schedule": "uniform", "closed_loop": false,
                    "fuse_method": "flat", "use_on_equal_length": false,
                    "start_percent": 0.0, "guarantee_steps": 1}},
  "13": {"class_type": "VHS_VideoCombine", "_meta": {"title": "Video Combine 🎥🅥🅗🅢"},
         "inputs": {"images": ["8", 0], "frame_rate": 8, "loop_count": 0,
                    "filename_prefix": "anime_video", "format": "video/h264-mp4",
                    "pix_fmt": "yuv420p", "crf": 19, "save_metadata": true,
                    "trim_to_audio": false, "pingpong": false, "save_output": true}}
}
$json$::jsonb
WHERE NOT EXISTS (SELECT 1 FROM video_workflow_templates t
                  WHERE t.name = 'anime_video_animatediff');

INSERT INTO generation_profiles (name, checkpoint_id, video_workflow_template_id)
SELECT v.name, m.id, t.id
FROM (VALUES
  ('tokyo_debt_realism', 'realisticVisionV51', 'anime_still_sd15'),
  ('cyberpunk_anime', 'anything-v5', 'anime_video_animatediff')
) AS v (name, checkpoint, template)
JOIN LATERAL (SELECT id FROM ai_models WHERE name = v.checkpoint AND type = 'checkpoint'
              ORDER BY id LIMIT 1) AS m ON true
JOIN LATERAL (SELECT id FROM video_workflow_templates WHERE name = v.template
              ORDER BY id LIMIT 1) AS t ON true
WHERE NOT EXISTS (SELECT 1 FROM generation_profiles gp WHERE gp.name = v.name);

INSERT INTO project_profiles (project_id, profile_id)
SELECT p.id, gp.id
FROM (VALUES
  ('Tokyo Debt Desire', 'tokyo_debt_realism'),
  ('Cyberpunk Goblin Slayer', 'cyberpunk_anime')
) AS v (project, profile)
JOIN projects p ON p.name = v.project
JOIN LATERAL (SELECT id FROM generation_profiles WHERE name = v.profile
              ORDER BY id LIMIT 1) AS gp ON true
ON CONFLICT (project_id) DO NOTHING;
