/* lk-sim-catalog-defs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-catalog"

#include "config.h"

#include "lk-sim-catalog.h"

/*
 * The node classes the simulator knows, with the INPUT_TYPES, RETURN_TYPES and texts of
 * ComfyUI v0.3.64 (nodes.py, comfy_extras), VideoHelperSuite and AnimateDiff-Evolved.
 * Option objects are written as JSON; two placeholders are filled in when the catalogue is
 * built: "@MAX_RESOLUTION" (the simulator's size limit) and "@UINT64_MAX" (a seed's max).
 */

#define J(...) #__VA_ARGS__
#define STRV(...) ((const char * const[]){ __VA_ARGS__, NULL })
#define END { NULL }

static const char * const samplers[] = {
  "euler", "euler_cfg_pp", "euler_ancestral", "euler_ancestral_cfg_pp", "heun", "heunpp2",
  "dpm_2", "dpm_2_ancestral", "lms", "dpm_fast", "dpm_adaptive", "dpmpp_2s_ancestral",
  "dpmpp_2s_ancestral_cfg_pp", "dpmpp_sde", "dpmpp_sde_gpu", "dpmpp_2m", "dpmpp_2m_cfg_pp",
  "dpmpp_2m_sde", "dpmpp_2m_sde_gpu", "dpmpp_2m_sde_heun", "dpmpp_2m_sde_heun_gpu",
  "dpmpp_3m_sde", "dpmpp_3m_sde_gpu", "ddpm", "lcm", "ipndm", "ipndm_v", "deis",
  "res_multistep", "res_multistep_cfg_pp", "res_multistep_ancestral",
  "res_multistep_ancestral_cfg_pp", "gradient_estimation", "gradient_estimation_cfg_pp",
  "er_sde", "seeds_2", "seeds_3", "sa_solver", "sa_solver_pece", "ddim", "uni_pc",
  "uni_pc_bh2", NULL
};

static const char * const schedulers[] = {
  "simple", "sgm_uniform", "karras", "exponential", "ddim_uniform", "beta", "normal",
  "linear_quadratic", "kl_optimal", NULL
};

static const char * const beta_schedules[] = {
  "autoselect", "use existing", "sqrt_linear (AnimateDiff)", "linear (AnimateDiff-SDXL)",
  "linear (HotshotXL/default)", "avg(sqrt_linear,linear)", "lcm avg(sqrt_linear,linear)", "lcm",
  "lcm >> sqrt_linear", "sqrt", "cosine", "squaredcos_cap_v2", NULL
};

static const char * const fuse_methods[] = {
  "flat", "pyramid", "relative", "random", "gauss-sigma", "gauss-sigma inverse",
  "delayed reverse sawtooth", "pyramid-sigma", "pyramid-sigma inverse", NULL
};

static const char * const image_hidden[] = {
  "prompt", "PROMPT", "extra_pnginfo", "EXTRA_PNGINFO", NULL
};

#define SAVE_PREFIX_TOOLTIP "The prefix for the file to save. This may include formatting " \
  "information such as %date:yyyy-MM-dd% or %Empty Latent Image.width% to include values " \
  "from nodes."

static const LkSimInputDef checkpoint_loader_required[] = {
  { "ckpt_name", NULL, J({"tooltip": "The name of the checkpoint (model) to load."}),
    NULL, "checkpoints", LK_SIM_COMBO_LIST_OPTS },
  END
};

static const LkSimInputDef lora_loader_required[] = {
  { "model", "MODEL", J({"tooltip": "The diffusion model the LoRA will be applied to."}) },
  { "clip", "CLIP", J({"tooltip": "The CLIP model the LoRA will be applied to."}) },
  { "lora_name", NULL, J({"tooltip": "The name of the LoRA."}), NULL, "loras",
    LK_SIM_COMBO_LIST_OPTS },
  { "strength_model", "FLOAT", J({"default": 1.0, "min": -100.0, "max": 100.0, "step": 0.01,
    "tooltip": "How strongly to modify the diffusion model. This value can be negative."}) },
  { "strength_clip", "FLOAT", J({"default": 1.0, "min": -100.0, "max": 100.0, "step": 0.01,
    "tooltip": "How strongly to modify the CLIP model. This value can be negative."}) },
  END
};

static const LkSimInputDef lora_model_only_required[] = {
  { "model", "MODEL" },
  { "lora_name", NULL, NULL, NULL, "loras", LK_SIM_COMBO_LIST_ONLY },
  { "strength_model", "FLOAT", J({"default": 1.0, "min": -100.0, "max": 100.0, "step": 0.01}) },
  END
};

static const LkSimInputDef clip_text_encode_required[] = {
  { "text", "STRING", J({"multiline": true, "dynamicPrompts": true,
    "tooltip": "The text to be encoded."}) },
  { "clip", "CLIP", J({"tooltip": "The CLIP model used for encoding the text."}) },
  END
};

static const LkSimInputDef clip_set_last_layer_required[] = {
  { "clip", "CLIP" },
  { "stop_at_clip_layer", "INT", J({"default": -1, "min": -24, "max": -1, "step": 1}) },
  END
};

static const LkSimInputDef empty_latent_required[] = {
  { "width", "INT", J({"default": 512, "min": 16, "max": "@MAX_RESOLUTION", "step": 8,
    "tooltip": "The width of the latent images in pixels."}) },
  { "height", "INT", J({"default": 512, "min": 16, "max": "@MAX_RESOLUTION", "step": 8,
    "tooltip": "The height of the latent images in pixels."}) },
  { "batch_size", "INT", J({"default": 1, "min": 1, "max": 4096,
    "tooltip": "The number of latent images in the batch."}) },
  END
};

static const LkSimInputDef ksampler_required[] = {
  { "model", "MODEL", J({"tooltip": "The model used for denoising the input latent."}) },
  { "seed", "INT", J({"default": 0, "min": 0, "max": "@UINT64_MAX", "control_after_generate": true,
    "tooltip": "The random seed used for creating the noise."}) },
  { "steps", "INT", J({"default": 20, "min": 1, "max": 10000,
    "tooltip": "The number of steps used in the denoising process."}) },
  { "cfg", "FLOAT", J({"default": 8.0, "min": 0.0, "max": 100.0, "step": 0.1, "round": 0.01,
    "tooltip": "The Classifier-Free Guidance scale balances creativity and adherence to the prompt. Higher values result in images more closely matching the prompt however too high values will negatively impact quality."}) },
  { "sampler_name", NULL, J({"tooltip": "The algorithm used when sampling, this can affect the quality, speed, and style of the generated output."}),
    samplers, NULL, LK_SIM_COMBO_LIST_OPTS },
  { "scheduler", NULL, J({"tooltip": "The scheduler controls how noise is gradually removed to form the image."}),
    schedulers, NULL, LK_SIM_COMBO_LIST_OPTS },
  { "positive", "CONDITIONING", J({"tooltip": "The conditioning describing the attributes you want to include in the image."}) },
  { "negative", "CONDITIONING", J({"tooltip": "The conditioning describing the attributes you want to exclude from the image."}) },
  { "latent_image", "LATENT", J({"tooltip": "The latent image to denoise."}) },
  { "denoise", "FLOAT", J({"default": 1.0, "min": 0.0, "max": 1.0, "step": 0.01,
    "tooltip": "The amount of denoising applied, lower values will maintain the structure of the initial image allowing for image to image sampling."}) },
  END
};

static const LkSimInputDef ksampler_advanced_required[] = {
  { "model", "MODEL" },
  { "add_noise", NULL, NULL, STRV ("enable", "disable"), NULL, LK_SIM_COMBO_LIST_ONLY },
  { "noise_seed", "INT", J({"default": 0, "min": 0, "max": "@UINT64_MAX",
    "control_after_generate": true}) },
  { "steps", "INT", J({"default": 20, "min": 1, "max": 10000}) },
  { "cfg", "FLOAT", J({"default": 8.0, "min": 0.0, "max": 100.0, "step": 0.1, "round": 0.01}) },
  { "sampler_name", NULL, NULL, samplers, NULL, LK_SIM_COMBO_LIST_ONLY },
  { "scheduler", NULL, NULL, schedulers, NULL, LK_SIM_COMBO_LIST_ONLY },
  { "positive", "CONDITIONING" },
  { "negative", "CONDITIONING" },
  { "latent_image", "LATENT" },
  { "start_at_step", "INT", J({"default": 0, "min": 0, "max": 10000}) },
  { "end_at_step", "INT", J({"default": 10000, "min": 0, "max": 10000}) },
  { "return_with_leftover_noise", NULL, NULL, STRV ("disable", "enable"), NULL,
    LK_SIM_COMBO_LIST_ONLY },
  END
};

static const LkSimInputDef vae_decode_required[] = {
  { "samples", "LATENT", J({"tooltip": "The latent to be decoded."}) },
  { "vae", "VAE", J({"tooltip": "The VAE model used for decoding the latent."}) },
  END
};

static const LkSimInputDef vae_encode_required[] = {
  { "pixels", "IMAGE" },
  { "vae", "VAE" },
  END
};

static const LkSimInputDef vae_loader_required[] = {
  { "vae_name", NULL, NULL, NULL, "vae", LK_SIM_COMBO_LIST_ONLY },
  END
};

static const LkSimInputDef save_image_required[] = {
  { "images", "IMAGE", J({"tooltip": "The images to save."}) },
  { "filename_prefix", "STRING", "{\"default\": \"ComfyUI\", \"tooltip\": \""
    SAVE_PREFIX_TOOLTIP "\"}" },
  END
};

static const LkSimInputDef preview_image_required[] = {
  { "images", "IMAGE" },
  END
};

static const LkSimInputDef load_image_required[] = {
  { "image", NULL, J({"image_upload": true}), NULL, "@input-images", LK_SIM_COMBO_LIST_OPTS },
  END
};

static const LkSimInputDef save_webp_required[] = {
  { "images", "IMAGE" },
  { "filename_prefix", "STRING", J({"default": "ComfyUI"}) },
  { "fps", "FLOAT", J({"default": 6.0, "min": 0.01, "max": 1000.0, "step": 0.01}) },
  { "lossless", "BOOLEAN", J({"default": true}) },
  { "quality", "INT", J({"default": 80, "min": 0, "max": 100}) },
  { "method", "COMBO", J({"default": "default"}), STRV ("default", "fastest", "slowest"), NULL,
    LK_SIM_COMBO_FORM },
  END
};

static const LkSimInputDef latent_upscale_required[] = {
  { "samples", "LATENT" },
  { "upscale_method", NULL, NULL, STRV ("nearest-exact", "bilinear", "area", "bicubic", "bislerp"),
    NULL, LK_SIM_COMBO_LIST_ONLY },
  { "width", "INT", J({"default": 512, "min": 0, "max": "@MAX_RESOLUTION", "step": 8}) },
  { "height", "INT", J({"default": 512, "min": 0, "max": "@MAX_RESOLUTION", "step": 8}) },
  { "crop", NULL, NULL, STRV ("disabled", "center"), NULL, LK_SIM_COMBO_LIST_ONLY },
  END
};

static const LkSimInputDef ade_loader_ctx_required[] = {
  { "model", "MODEL" },
  { "model_name", NULL, NULL, NULL, "animatediff_models", LK_SIM_COMBO_LIST_ONLY },
  { "beta_schedule", NULL, J({"default": "sqrt_linear (AnimateDiff)"}), beta_schedules, NULL,
    LK_SIM_COMBO_LIST_OPTS },
  END
};

static const LkSimInputDef ade_loader_ctx_optional[] = {
  { "context_options", "CONTEXT_OPTIONS" },
  { "motion_lora", "MOTION_LORA" },
  { "ad_settings", "AD_SETTINGS" },
  { "sample_settings", "SAMPLE_SETTINGS" },
  { "motion_scale", "FLOAT", J({"default": 1.0, "min": 0.0, "step": 0.001}) },
  { "apply_v2_models_properly", "BOOLEAN", J({"default": true}) },
  { "ad_keyframes", "AD_KEYFRAMES" },
  END
};

/* LegacyLoopedUniformContextOptionsNode: the "uniform" schedule, fuse_method optional */
static const LkSimInputDef ade_uniform_ctx_required[] = {
  { "context_length", "INT", J({"default": 16, "min": 1, "max": 128}) },
  { "context_stride", "INT", J({"default": 1, "min": 1, "max": 32}) },
  { "context_overlap", "INT", J({"default": 4, "min": 0, "max": 128}) },
  { "context_schedule", NULL, NULL, STRV ("uniform"), NULL, LK_SIM_COMBO_LIST_ONLY },
  { "closed_loop", "BOOLEAN", J({"default": false}) },
  END
};

static const LkSimInputDef ade_uniform_ctx_optional[] = {
  { "fuse_method", NULL, J({"default": "flat"}), fuse_methods, NULL, LK_SIM_COMBO_LIST_OPTS },
  { "use_on_equal_length", "BOOLEAN", J({"default": false}) },
  { "start_percent", "FLOAT", J({"default": 0.0, "min": 0.0, "max": 1.0, "step": 0.001}) },
  { "guarantee_steps", "INT", J({"default": 1, "min": 0, "max": 9007199254740991}) },
  { "prev_context", "CONTEXT_OPTIONS" },
  { "view_opts", "VIEW_OPTS" },
  END
};

static const LkSimInputDef ade_standard_ctx_required[] = {
  { "context_length", "INT", J({"default": 16, "min": 1, "max": 128}) },
  { "context_overlap", "INT", J({"default": 4, "min": 0, "max": 128}) },
  END
};

static const LkSimInputDef ade_standard_ctx_optional[] = {
  { "fuse_method", NULL, J({"default": "pyramid"}), fuse_methods, NULL, LK_SIM_COMBO_LIST_OPTS },
  { "use_on_equal_length", "BOOLEAN", J({"default": false}) },
  { "start_percent", "FLOAT", J({"default": 0.0, "min": 0.0, "max": 1.0, "step": 0.001}) },
  { "guarantee_steps", "INT", J({"default": 1, "min": 0, "max": 9007199254740991}) },
  { "prev_context", "CONTEXT_OPTIONS" },
  { "view_opts", "VIEW_OPTS" },
  END
};

static const LkSimInputDef ade_load_model_required[] = {
  { "model_name", NULL, NULL, NULL, "animatediff_models", LK_SIM_COMBO_LIST_ONLY },
  END
};

static const LkSimInputDef ade_load_model_optional[] = {
  { "ad_settings", "AD_SETTINGS" },
  END
};

static const LkSimInputDef ade_apply_simple_required[] = {
  { "motion_model", "MOTION_MODEL_ADE" },
  END
};

static const LkSimInputDef ade_apply_simple_optional[] = {
  { "motion_lora", "MOTION_LORA" },
  { "scale_multival", "MULTIVAL" },
  { "effect_multival", "MULTIVAL" },
  { "ad_keyframes", "AD_KEYFRAMES" },
  { "per_block", "PER_BLOCK" },
  END
};

static const LkSimInputDef ade_evolved_required[] = {
  { "model", "MODEL" },
  { "beta_schedule", NULL, J({"default": "autoselect"}), beta_schedules, NULL,
    LK_SIM_COMBO_LIST_OPTS },
  END
};

static const LkSimInputDef ade_evolved_optional[] = {
  { "m_models", "M_MODELS" },
  { "context_options", "CONTEXT_OPTIONS" },
  { "sample_settings", "SAMPLE_SETTINGS" },
  END
};

static const LkSimInputDef ade_motion_lora_required[] = {
  { "name", NULL, NULL, NULL, "animatediff_motion_lora", LK_SIM_COMBO_LIST_ONLY },
  { "strength", "FLOAT", J({"default": 1.0, "min": 0.0, "max": 10.0, "step": 0.001}) },
  END
};

static const LkSimInputDef ade_motion_lora_optional[] = {
  { "prev_motion_lora", "MOTION_LORA" },
  END
};

static const LkSimInputDef video_combine_required[] = {
  { "images", "IMAGE|LATENT" },   /* VHS MultiInput: shown as IMAGE, accepts LATENT */
  { "frame_rate", "FLOAT", J({"default": 8, "min": 1, "step": 1}) },
  { "loop_count", "INT", J({"default": 0, "min": 0, "max": 100, "step": 1}) },
  { "filename_prefix", "STRING", J({"default": "AnimateDiff"}) },
  { "format", NULL, J({"formats": {"video/h264-mp4": [["pix_fmt", ["yuv420p", "yuv420p10le"]],
    ["crf", "INT", {"default": 19, "min": 0, "max": 100, "step": 1}],
    ["save_metadata", "BOOLEAN", {"default": true}],
    ["trim_to_audio", "BOOLEAN", {"default": false}]]}}),
    NULL, "@video-formats", LK_SIM_COMBO_LIST_OPTS },
  { "pingpong", "BOOLEAN", J({"default": false}) },
  { "save_output", "BOOLEAN", J({"default": true}) },
  END
};

static const LkSimInputDef video_combine_optional[] = {
  { "audio", "AUDIO" },
  { "meta_batch", "VHS_BatchManager" },
  { "vae", "VAE" },
  END
};

#define ADE_MODULE "custom_nodes.ComfyUI-AnimateDiff-Evolved"
#define VHS_MODULE "custom_nodes.comfyui-videohelpersuite"

static const LkSimNodeDef node_defs[] = {
  { "KSampler", "KSampler",
    "Uses the provided model, positive and negative conditioning to denoise the latent image.",
    "sampling", "nodes", ksampler_required, NULL, NULL, STRV ("LATENT"), NULL,
    STRV ("The denoised latent."), FALSE, FALSE, LK_SIM_RUN_SAMPLER },
  { "CheckpointLoaderSimple", "Load Checkpoint",
    "Loads a diffusion model checkpoint, diffusion models are used to denoise latents.",
    "loaders", "nodes", checkpoint_loader_required, NULL, NULL, STRV ("MODEL", "CLIP", "VAE"), NULL,
    STRV ("The model used for denoising latents.",
          "The CLIP model used for encoding text prompts.",
          "The VAE model used for encoding and decoding images to and from latent space."),
    FALSE, FALSE, LK_SIM_RUN_PASS },
  { "CLIPTextEncode", "CLIP Text Encode (Prompt)",
    "Encodes a text prompt using a CLIP model into an embedding that can be used to guide the diffusion model towards generating specific images.",
    "conditioning", "nodes", clip_text_encode_required, NULL, NULL, STRV ("CONDITIONING"), NULL,
    STRV ("A conditioning containing the embedded text used to guide the diffusion model."),
    FALSE, FALSE, LK_SIM_RUN_PASS },
  { "CLIPSetLastLayer", "CLIP Set Last Layer", "", "conditioning", "nodes",
    clip_set_last_layer_required, NULL, NULL, STRV ("CLIP"), NULL, NULL, FALSE, FALSE,
    LK_SIM_RUN_PASS },
  { "VAEDecode", "VAE Decode", "Decodes latent images back into pixel space images.", "latent",
    "nodes", vae_decode_required, NULL, NULL, STRV ("IMAGE"), NULL, STRV ("The decoded image."),
    FALSE, FALSE, LK_SIM_RUN_VAE_DECODE },
  { "VAEEncode", "VAE Encode", "", "latent", "nodes", vae_encode_required, NULL, NULL,
    STRV ("LATENT"), NULL, NULL, FALSE, FALSE, LK_SIM_RUN_VAE_ENCODE },
  { "VAELoader", "Load VAE", "", "loaders", "nodes", vae_loader_required, NULL, NULL,
    STRV ("VAE"), NULL, NULL, FALSE, FALSE, LK_SIM_RUN_PASS },
  { "EmptyLatentImage", "Empty Latent Image",
    "Create a new batch of empty latent images to be denoised via sampling.", "latent", "nodes",
    empty_latent_required, NULL, NULL, STRV ("LATENT"), NULL,
    STRV ("The empty latent image batch."), FALSE, FALSE, LK_SIM_RUN_EMPTY_LATENT },
  { "LatentUpscale", "Upscale Latent", "", "latent", "nodes", latent_upscale_required, NULL, NULL,
    STRV ("LATENT"), NULL, NULL, FALSE, FALSE, LK_SIM_RUN_LATENT_UPSCALE },
  { "SaveImage", "Save Image", "Saves the input images to your ComfyUI output directory.",
    "image", "nodes", save_image_required, NULL, image_hidden, STRV (NULL), NULL, NULL, TRUE,
    FALSE, LK_SIM_RUN_SAVE_IMAGE },
  { "PreviewImage", "Preview Image", "Saves the input images to your ComfyUI output directory.",
    "image", "nodes", preview_image_required, NULL, image_hidden, STRV (NULL), NULL, NULL, TRUE,
    FALSE, LK_SIM_RUN_PREVIEW_IMAGE },
  { "LoadImage", "Load Image", "", "image", "nodes", load_image_required, NULL, NULL,
    STRV ("IMAGE", "MASK"), NULL, NULL, FALSE, FALSE, LK_SIM_RUN_LOAD_IMAGE },
  { "KSamplerAdvanced", "KSampler (Advanced)", "", "sampling", "nodes",
    ksampler_advanced_required, NULL, NULL, STRV ("LATENT"), NULL, NULL, FALSE, FALSE,
    LK_SIM_RUN_SAMPLER_ADVANCED },
  { "LoraLoader", "Load LoRA",
    "LoRAs are used to modify diffusion and CLIP models, altering the way in which latents are denoised such as applying styles. Multiple LoRA nodes can be linked together.",
    "loaders", "nodes", lora_loader_required, NULL, NULL, STRV ("MODEL", "CLIP"), NULL,
    STRV ("The modified diffusion model.", "The modified CLIP model."), FALSE, FALSE,
    LK_SIM_RUN_PASS },
  { "LoraLoaderModelOnly", "LoraLoaderModelOnly", "", "loaders", "nodes",
    lora_model_only_required, NULL, NULL, STRV ("MODEL"), NULL, NULL, FALSE, FALSE,
    LK_SIM_RUN_PASS },
  { "SaveAnimatedWEBP", "SaveAnimatedWEBP", "", "image/animation", "comfy_extras.nodes_images",
    save_webp_required, NULL, image_hidden, STRV (NULL), NULL, NULL, TRUE, TRUE,
    LK_SIM_RUN_SAVE_WEBP },
  { "ADE_AnimateDiffUniformContextOptions",
    "Uniform Context Options \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93/context opts", ADE_MODULE,
    ade_uniform_ctx_required, ade_uniform_ctx_optional, NULL, STRV ("CONTEXT_OPTIONS"), NULL, NULL,
    FALSE, FALSE, LK_SIM_RUN_PASS },
  { "ADE_StandardUniformContextOptions",
    "Context Options\xe2\x97\x86Standard Uniform \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93/context opts", ADE_MODULE,
    ade_standard_ctx_required, ade_standard_ctx_optional, NULL, STRV ("CONTEXT_OPTIONS"), NULL,
    NULL, FALSE, FALSE, LK_SIM_RUN_PASS },
  { "ADE_AnimateDiffLoaderWithContext",
    "AnimateDiff Loader [Legacy] \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93\xe2\x91\xa0", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93/\xe2\x91\xa0 Gen1 nodes \xe2\x91\xa0",
    ADE_MODULE, ade_loader_ctx_required, ade_loader_ctx_optional, NULL, STRV ("MODEL"), NULL, NULL,
    FALSE, FALSE, LK_SIM_RUN_PASS },
  { "ADE_LoadAnimateDiffModel",
    "Load AnimateDiff Model \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93\xe2\x91\xa1", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93/\xe2\x91\xa1 Gen2 nodes \xe2\x91\xa1",
    ADE_MODULE, ade_load_model_required, ade_load_model_optional, NULL, STRV ("MOTION_MODEL_ADE"),
    STRV ("MOTION_MODEL"), NULL, FALSE, FALSE, LK_SIM_RUN_PASS },
  { "ADE_ApplyAnimateDiffModelSimple",
    "Apply AnimateDiff Model \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93\xe2\x91\xa1", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93/\xe2\x91\xa1 Gen2 nodes \xe2\x91\xa1",
    ADE_MODULE, ade_apply_simple_required, ade_apply_simple_optional, NULL, STRV ("M_MODELS"), NULL,
    NULL, FALSE, FALSE, LK_SIM_RUN_PASS },
  { "ADE_UseEvolvedSampling",
    "Use Evolved Sampling \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93\xe2\x91\xa1", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93/\xe2\x91\xa1 Gen2 nodes \xe2\x91\xa1",
    ADE_MODULE, ade_evolved_required, ade_evolved_optional, NULL, STRV ("MODEL"), NULL, NULL,
    FALSE, FALSE, LK_SIM_RUN_PASS },
  { "ADE_AnimateDiffLoRALoader",
    "Load AnimateDiff LoRA \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93", "",
    "Animate Diff \xf0\x9f\x8e\xad\xf0\x9f\x85\x90\xf0\x9f\x85\x93", ADE_MODULE,
    ade_motion_lora_required, ade_motion_lora_optional, NULL, STRV ("MOTION_LORA"), NULL, NULL,
    FALSE, FALSE, LK_SIM_RUN_PASS },
  { "VHS_VideoCombine",
    "Video Combine \xf0\x9f\x8e\xa5\xf0\x9f\x85\xa5\xf0\x9f\x85\x97\xf0\x9f\x85\xa2", "",
    "Video Helper Suite \xf0\x9f\x8e\xa5\xf0\x9f\x85\xa5\xf0\x9f\x85\x97\xf0\x9f\x85\xa2", VHS_MODULE,
    video_combine_required, video_combine_optional,
    STRV ("prompt", "PROMPT", "extra_pnginfo", "EXTRA_PNGINFO", "unique_id", "UNIQUE_ID"),
    STRV ("VHS_FILENAMES"), STRV ("Filenames"), NULL, TRUE, FALSE, LK_SIM_RUN_VIDEO_COMBINE },
};

/**
 * _lk_sim_catalog_get_defs:
 * @n_defs: (out): the number of definitions
 *
 * Returns: (transfer none): every node class, in the order of NODE_CLASS_MAPPINGS
 */
const LkSimNodeDef *
_lk_sim_catalog_get_defs (guint *n_defs)
{
  *n_defs = G_N_ELEMENTS (node_defs);
  return node_defs;
}
