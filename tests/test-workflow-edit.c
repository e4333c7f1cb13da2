/* test-workflow-edit.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-output-name.h"
#include "lk-test-workflow.h"
#include "lk-workflow-recipe.h"

static void
test_lora_inject (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;

  g_assert_true (lk_workflow_set_lora (workflow, NULL, "mei_working_v1.safetensors", 0.8, 0.8, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (lk_test_input_string (workflow, "10", "lora_name"), ==, "mei_working_v1.safetensors");
  lk_test_assert_input (workflow, "10", "strength_model", "0.8");
  lk_test_assert_input (workflow, "10", "strength_clip", "0.8");
  lk_test_assert_input (workflow, "10", "model", "[\"4\",0]");
  changes = lk_test_changes_joined (workflow);
  g_assert_cmpstr (changes, ==, "LoraLoader #10: lora_name placeholder.safetensors → "
                                "mei_working_v1.safetensors, strength 1.0 → 0.8");
  lk_test_assert_valid (workflow);
}

static void
test_lora_inject_two_strengths (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;

  g_assert_true (lk_workflow_set_lora (workflow, "10", "placeholder.safetensors", 0.75, 0.5, &error));
  g_assert_no_error (error);
  changes = lk_test_changes_joined (workflow);
  g_assert_cmpstr (changes, ==, "LoraLoader #10: strength_model 1.0 → 0.75, strength_clip 1.0 → 0.5");

  /* Setting the same values again changes nothing and notes nothing. */
  g_assert_true (lk_workflow_set_lora (workflow, "10", "placeholder.safetensors", 0.75, 0.5, &error));
  g_assert_cmpuint (g_strv_length ((char **) lk_workflow_get_changes (workflow)), ==, 1);
}

static void
test_lora_inject_model_only (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("lora-model-only.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;

  g_assert_true (lk_workflow_set_lora (workflow, NULL, "wan/rin_wan.safetensors", 0.7, 0.7, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "48", "strength_model", "0.7");
  lk_test_assert_input (workflow, "48", "strength_clip", "(none)");
  changes = lk_test_changes_joined (workflow);
  g_assert_cmpstr (changes, ==, "LoraLoaderModelOnly #48: lora_name placeholder_wan.safetensors → "
                                "wan/rin_wan.safetensors, strength 1.0 → 0.7");
}

static void
test_bypass_rewires_consumers (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;

  g_assert_true (lk_workflow_bypass_lora (workflow, NULL, &error));
  g_assert_no_error (error);

  g_assert_null (lk_workflow_get_class_type (workflow, "10"));
  lk_test_assert_input (workflow, "3", "model", "[\"4\",0]");
  lk_test_assert_input (workflow, "6", "clip", "[\"4\",1]");
  lk_test_assert_input (workflow, "7", "clip", "[\"4\",1]");
  lk_test_assert_input (workflow, "8", "vae", "[\"4\",2]");
  changes = lk_test_changes_joined (workflow);
  g_assert_cmpstr (changes, ==, "LoraLoader #10 (placeholder.safetensors) bypassed: "
                                "KSampler #3 model → CheckpointLoaderSimple #4, "
                                "CLIPTextEncode #6 clip → CheckpointLoaderSimple #4, "
                                "CLIPTextEncode #7 clip → CheckpointLoaderSimple #4");
  lk_test_assert_valid (workflow);
}

static void
test_bypass_keeps_chain (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("two-loras.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_bypass_lora (workflow, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (lk_workflow_get_class_type (workflow, "10"));
  lk_test_assert_input (workflow, "11", "model", "[\"4\",0]");
  lk_test_assert_input (workflow, "11", "clip", "[\"4\",1]");
  lk_test_assert_input (workflow, "3", "model", "[\"11\",0]");
  g_assert_cmpstr (lk_test_input_string (workflow, "11", "lora_name"), ==, "flat_color_style.safetensors");
  lk_test_assert_valid (workflow);
}

static void
test_bypass_model_only (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("lora-model-only.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_bypass_lora (workflow, NULL, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "49", "model", "[\"37\",0]");
  lk_test_assert_valid (workflow);
}

static void
test_bypass_animatediff (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("animatediff-vhs.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_bypass_lora (workflow, "10", &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "11", "model", "[\"1\",0]");
  lk_test_assert_input (workflow, "3", "clip", "[\"1\",1]");
  lk_test_assert_input (workflow, "6", "clip", "[\"1\",1]");
  lk_test_assert_valid (workflow);
}

static void
test_lora_insert_after_checkpoint (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-no-lora.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *node_id = NULL;
  g_autofree char *changes = NULL;

  node_id = lk_workflow_add_lora (workflow, "mei_working_v1.safetensors", 0.8, 0.8, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (node_id, ==, "10");
  g_assert_cmpstr (lk_workflow_get_class_type (workflow, "10"), ==, "LoraLoader");
  lk_test_assert_input (workflow, "10", "model", "[\"4\",0]");
  lk_test_assert_input (workflow, "10", "clip", "[\"4\",1]");
  lk_test_assert_input (workflow, "3", "model", "[\"10\",0]");
  lk_test_assert_input (workflow, "6", "clip", "[\"10\",1]");
  lk_test_assert_input (workflow, "7", "clip", "[\"10\",1]");
  lk_test_assert_input (workflow, "8", "vae", "[\"4\",2]");
  changes = lk_test_changes_joined (workflow);
  g_assert_cmpstr (changes, ==, "LoraLoader #10 added after CheckpointLoaderSimple #4: "
                                "mei_working_v1.safetensors, strength 0.8");
  lk_test_assert_valid (workflow);
}

static void
test_lora_insert_model_only (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("lora-model-only.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *node_id = NULL;
  g_autofree char *link = NULL;

  g_assert_true (lk_workflow_bypass_lora (workflow, NULL, &error));
  node_id = lk_workflow_add_lora (workflow, "wan/rin_wan.safetensors", 0.6, 0.6, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_workflow_get_class_type (workflow, node_id), ==, "LoraLoaderModelOnly");
  lk_test_assert_input (workflow, node_id, "model", "[\"37\",0]");
  lk_test_assert_input (workflow, node_id, "clip", "(none)");
  link = g_strdup_printf ("[\"%s\",0]", node_id);
  lk_test_assert_input (workflow, "49", "model", link);
  lk_test_assert_valid (workflow);
}

static void
test_lora_stack_chain (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) chain = NULL;
  g_autofree char *joined = NULL;

  first = lk_workflow_add_lora (workflow, "add_detail.safetensors", 0.5, 0.5, &error);
  g_assert_no_error (error);
  second = lk_workflow_add_lora (workflow, "flat_color_style.safetensors", 0.4, 0.3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "11");
  g_assert_cmpstr (second, ==, "12");

  lk_test_assert_input (workflow, "11", "model", "[\"10\",0]");
  lk_test_assert_input (workflow, "12", "model", "[\"11\",0]");
  lk_test_assert_input (workflow, "12", "clip", "[\"11\",1]");
  lk_test_assert_input (workflow, "3", "model", "[\"12\",0]");
  lk_test_assert_input (workflow, "6", "clip", "[\"12\",1]");

  chain = lk_workflow_find (workflow, LK_WORKFLOW_ROLE_LORA_LOADER);
  joined = g_strjoinv (" ", chain);
  g_assert_cmpstr (joined, ==, "10 11 12");
  g_assert_cmpstr (lk_workflow_get_changes (workflow)[1], ==,
                   "LoraLoader #12 added after LoraLoader #11: flat_color_style.safetensors, "
                   "strength 0.4 / 0.3");
  lk_test_assert_valid (workflow);
}

static void
test_lora_refiner_untouched (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sdxl-base-refiner.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *node_id = NULL;
  g_autofree char *link = NULL;

  node_id = lk_workflow_add_lora (workflow, "add_detail_xl.safetensors", 0.5, 0.5, &error);
  g_assert_no_error (error);
  lk_test_assert_input (workflow, node_id, "model", "[\"10\",0]");
  link = g_strdup_printf ("[\"%s\",0]", node_id);
  lk_test_assert_input (workflow, "3", "model", link);
  lk_test_assert_input (workflow, "11", "model", "[\"12\",0]");
  lk_test_assert_input (workflow, "15", "clip", "[\"12\",1]");
  lk_test_assert_valid (workflow);
}

static void
test_lora_missing_loader (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-no-lora.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = lk_workflow_to_string (workflow, FALSE);

  g_assert_false (lk_workflow_set_lora (workflow, NULL, "mei.safetensors", 0.8, 0.8, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lk_workflow_bypass_lora (workflow, NULL, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lk_workflow_set_lora (workflow, "3", "mei.safetensors", 0.8, 0.8, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND);
  lk_test_assert_unchanged (workflow, before);
}

static void
test_lora_bad_arguments (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autofree char *before = lk_workflow_to_string (workflow, FALSE);
  static const struct { const char *name; double model; double clip; } cases[] = {
    { "", 0.8, 0.8 },
    { NULL, 0.8, 0.8 },
    { "\xff\xfe.safetensors", 0.8, 0.8 },
    { "mei.safetensors", 1000.0, 0.8 },
    { "mei.safetensors", 0.8, -101.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *added = NULL;

      g_assert_false (lk_workflow_set_lora (workflow, NULL, cases[i].name, cases[i].model,
                                            cases[i].clip, &error));
      g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      added = lk_workflow_add_lora (workflow, cases[i].name, cases[i].model, cases[i].clip, &error);
      g_assert_null (added);
      g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lk_workflow_set_lora (workflow, NULL, "mei.safetensors", NAN, 0.8, &error));
    g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  }

  lk_test_assert_unchanged (workflow, before);
}

static void
test_checkpoint_set_main (void)
{
  g_autoptr(LkWorkflow) sdxl = lk_test_load_workflow ("sdxl-base-refiner.json");
  g_autoptr(LkWorkflow) wan = lk_test_load_workflow ("lora-model-only.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_checkpoint (sdxl, "animagineXL_v31.safetensors", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_test_input_string (sdxl, "4", "ckpt_name"), ==, "animagineXL_v31.safetensors");
  g_assert_cmpstr (lk_test_input_string (sdxl, "12", "ckpt_name"), ==, "sd_xl_refiner_1.0.safetensors");
  g_assert_cmpstr (lk_workflow_get_changes (sdxl)[0], ==,
                   "CheckpointLoaderSimple #4: ckpt_name sd_xl_base_1.0.safetensors → "
                   "animagineXL_v31.safetensors");

  g_assert_true (lk_workflow_set_checkpoint (wan, "wan2.1_t2v_14B_fp8.safetensors", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_test_input_string (wan, "37", "unet_name"), ==, "wan2.1_t2v_14B_fp8.safetensors");
}

static void
test_prompt_trigger_words_first (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  const char * const triggers[] = { "mei_v1", "mei", " ", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, triggers,
                                         "waving, ", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_test_input_string (workflow, "6", "text"), ==,
                   "mei_v1, mei, waving, masterpiece, best quality, 1girl, solo, looking at "
                   "viewer, smile, school uniform, cherry blossoms");
  g_assert_cmpstr (lk_test_input_string (workflow, "7", "text"), ==,
                   "lowres, bad anatomy, bad hands, text, error, missing fingers, worst quality, "
                   "low quality, jpeg artifacts, watermark");
  g_assert_true (g_str_has_prefix (lk_workflow_get_changes (workflow)[0],
                                   "CLIPTextEncode #6: text “masterpiece, best quality"));
}

static void
test_prompt_replace_and_dedupe (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  const char * const triggers[] = { "mei_v1", "SMILE", NULL };
  g_autoptr(GError) error = NULL;

  /* A trigger word already in the prompt is not repeated. */
  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, triggers, NULL,
                                         TRUE, &error));
  g_assert_true (g_str_has_prefix (lk_test_input_string (workflow, "6", "text"), "mei_v1, masterpiece"));

  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, triggers,
                                         "on a bridge", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_test_input_string (workflow, "6", "text"), ==, "mei_v1, SMILE, on a bridge");

  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_NEGATIVE, NULL, "blurry",
                                         FALSE, &error));
  g_assert_cmpstr (lk_test_input_string (workflow, "7", "text"), ==, "blurry");
  lk_test_assert_valid (workflow);
}

static void
test_prompt_sdxl_every_field (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sdxl-base-refiner.json");
  const char * const triggers[] = { "rin_v2", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, triggers,
                                         "night sky", FALSE, &error));
  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_NEGATIVE, NULL, "bad hands",
                                         FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_test_input_string (workflow, "6", "text_g"), ==, "rin_v2, night sky");
  g_assert_cmpstr (lk_test_input_string (workflow, "6", "text_l"), ==, "rin_v2, night sky");
  g_assert_cmpstr (lk_test_input_string (workflow, "15", "text"), ==, "rin_v2, night sky");
  g_assert_cmpstr (lk_test_input_string (workflow, "7", "text_g"), ==, "bad hands");
  g_assert_cmpstr (lk_test_input_string (workflow, "16", "text"), ==, "bad hands");
  g_assert_cmpuint (g_strv_length ((char **) lk_workflow_get_changes (workflow)), ==, 6);
}

static void
test_prompt_through_link (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("prompt-from-link.json");
  const char * const triggers[] = { "mei_v1", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, triggers, NULL,
                                         TRUE, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "6", "text", "[\"20\",0]");
  g_assert_cmpstr (lk_test_input_string (workflow, "20", "value"), ==,
                   "mei_v1, 1girl, standing, full body, simple background");
  g_assert_true (g_str_has_prefix (lk_workflow_get_changes (workflow)[0],
                                   "PrimitiveStringMultiline #20: value “1girl"));
  lk_test_assert_valid (workflow);
}

static void
test_prompt_shared_text_refused (void)
{
  static const char *text =
    "{\"1\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.safetensors\"}},"
    " \"2\": {\"class_type\": \"PrimitiveStringMultiline\", \"inputs\": {\"value\": \"cat\"}},"
    " \"3\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": [\"2\", 0], \"clip\": [\"1\", 1]}},"
    " \"4\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": [\"2\", 0], \"clip\": [\"1\", 1]}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 512, \"batch_size\": 1}},"
    " \"6\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"1\", 0], \"positive\": [\"3\", 0],"
    "        \"negative\": [\"4\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"7\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"6\", 0], \"vae\": [\"1\", 2]}},"
    " \"8\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"7\", 0], \"filename_prefix\": \"x\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  before = lk_workflow_to_string (workflow, FALSE);
  g_assert_false (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, NULL, "dog", FALSE,
                                          &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE);
  g_assert_nonnull (strstr (error->message, "PrimitiveStringMultiline #2"));
  lk_test_assert_unchanged (workflow, before);
}

static void
test_prompt_linked_from_unknown_node (void)
{
  static const char *text =
    "{\"1\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.safetensors\"}},"
    " \"2\": {\"class_type\": \"WildcardProcessor\", \"inputs\": {\"seed\": 3, \"mode\": \"populate\"}},"
    " \"3\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": [\"2\", 0], \"clip\": [\"1\", 1]}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 512, \"batch_size\": 1}},"
    " \"6\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"1\", 0], \"positive\": [\"3\", 0],"
    "        \"negative\": [\"3\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"7\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"6\", 0], \"vae\": [\"1\", 2]}},"
    " \"8\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"7\", 0], \"filename_prefix\": \"x\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  before = lk_workflow_to_string (workflow, FALSE);
  g_assert_false (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, NULL, "dog", FALSE,
                                          &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE);
  g_assert_nonnull (strstr (error->message, "WildcardProcessor #2"));
  g_clear_error (&error);

  /* The same encoder on both sides is the positive one: there is no negative to set. */
  g_assert_false (lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_NEGATIVE, NULL, "dog", FALSE,
                                          &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NODE_NOT_FOUND);
  lk_test_assert_unchanged (workflow, before);
}

static void
test_seed_explicit (void)
{
  g_autoptr(LkWorkflow) sdxl = lk_test_load_workflow ("sdxl-base-refiner.json");
  g_autoptr(GError) error = NULL;
  guint64 seed = 0;

  g_assert_true (lk_workflow_set_seed (sdxl, 42, &error));
  g_assert_no_error (error);
  lk_test_assert_input (sdxl, "3", "noise_seed", "42");
  lk_test_assert_input (sdxl, "11", "noise_seed", "42");
  g_assert_true (lk_workflow_get_seed (sdxl, &seed));
  g_assert_cmpuint (seed, ==, 42);
  g_assert_cmpstr (lk_workflow_get_changes (sdxl)[0], ==,
                   "KSamplerAdvanced #3: noise_seed 721897303308196 → 42");

  g_assert_true (lk_workflow_set_seed (sdxl, LK_WORKFLOW_SEED_LIMIT - 1, &error));
  lk_test_assert_input (sdxl, "3", "noise_seed", "9007199254740991");
}

static void
test_seed_through_link (void)
{
  static const char *text =
    "{\"1\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.safetensors\"}},"
    " \"3\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a\", \"clip\": [\"1\", 1]}},"
    " \"4\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"b\", \"clip\": [\"1\", 1]}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 512, \"batch_size\": 1}},"
    " \"6\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": [\"20\", 0], \"model\": [\"1\", 0],"
    "        \"positive\": [\"3\", 0], \"negative\": [\"4\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"7\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"6\", 0], \"vae\": [\"1\", 2]}},"
    " \"8\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"7\", 0], \"filename_prefix\": \"x\"}},"
    " \"20\": {\"class_type\": \"PrimitiveInt\", \"inputs\": {\"value\": 5}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);
  g_auto(GStrv) seeds = NULL;
  guint64 seed = 0;

  g_assert_no_error (error);
  seeds = lk_workflow_find (workflow, LK_WORKFLOW_ROLE_SEED);
  g_assert_cmpstr (seeds[0], ==, "20");
  g_assert_null (seeds[1]);

  g_assert_true (lk_workflow_set_seed (workflow, 42, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "20", "value", "42");
  lk_test_assert_input (workflow, "6", "seed", "[\"20\",0]");
  g_assert_true (lk_workflow_get_seed (workflow, &seed));
  g_assert_cmpuint (seed, ==, 42);
  lk_test_assert_valid (workflow);
}

static void
test_seed_too_large (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autofree char *before = lk_workflow_to_string (workflow, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_workflow_set_seed (workflow, LK_WORKFLOW_SEED_LIMIT, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lk_workflow_set_seed (workflow, G_MAXUINT64, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  lk_test_assert_unchanged (workflow, before);
}

static void
test_seed_random_in_range (void)
{
  guint64 first = lk_workflow_random_seed ();
  gboolean differ = FALSE;

  for (guint i = 0; i < 10000; i++)
    {
      guint64 seed = lk_workflow_random_seed ();

      g_assert_cmpuint (seed, <, LK_WORKFLOW_SEED_LIMIT);
      differ |= seed != first;
    }
  g_assert_true (differ);
}

static void
test_size_and_batch (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (lk_workflow_set_size (workflow, 768, 1024, &error));
  g_assert_true (lk_workflow_set_batch_size (workflow, 4, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "5", "width", "768");
  lk_test_assert_input (workflow, "5", "height", "1024");
  lk_test_assert_input (workflow, "5", "batch_size", "4");

  before = lk_workflow_to_string (workflow, FALSE);
  g_assert_false (lk_workflow_set_size (workflow, 777, 1024, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lk_workflow_set_size (workflow, 0, 0, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lk_workflow_set_batch_size (workflow, 0, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lk_workflow_set_frame_count (workflow, 16, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  after = lk_workflow_to_string (workflow, FALSE);
  g_assert_cmpstr (before, ==, after);
}

static void
test_frames_animatediff (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("animatediff-vhs.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_frame_count (workflow, 24, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "5", "batch_size", "24");
  g_assert_cmpstr (lk_workflow_get_changes (workflow)[0], ==,
                   "EmptyLatentImage #5: batch_size 16 → 24 (frames)");

  /* In AnimateDiff the batch is the frame count: asking for a batch is a mistake. */
  g_assert_false (lk_workflow_set_batch_size (workflow, 2, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
}

static void
test_frames_video_latent (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("lora-model-only.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_frame_count (workflow, 81, &error));
  g_assert_true (lk_workflow_set_batch_size (workflow, 2, &error));
  g_assert_no_error (error);
  lk_test_assert_input (workflow, "40", "length", "81");
  lk_test_assert_input (workflow, "40", "batch_size", "2");
}

static void
test_frames_from_link_refused (void)
{
  static const char *text =
    "{\"1\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.safetensors\"}},"
    " \"2\": {\"class_type\": \"VHS_LoadVideoPath\", \"inputs\": {\"video\": \"in.mp4\", \"frame_load_cap\": 16}},"
    " \"3\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a\", \"clip\": [\"1\", 1]}},"
    " \"4\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"b\", \"clip\": [\"1\", 1]}},"
    " \"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 512, \"height\": 512, \"batch_size\": [\"2\", 1]}},"
    " \"6\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"1\", 0], \"positive\": [\"3\", 0],"
    "        \"negative\": [\"4\", 0], \"latent_image\": [\"5\", 0]}},"
    " \"7\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"6\", 0], \"vae\": [\"1\", 2]}},"
    " \"8\": {\"class_type\": \"VHS_VideoCombine\", \"inputs\": {\"images\": [\"7\", 0], \"filename_prefix\": \"x\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkWorkflow) workflow = lk_workflow_new_from_string (text, -1, &error);
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  before = lk_workflow_to_string (workflow, FALSE);
  g_assert_false (lk_workflow_set_frame_count (workflow, 24, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_NOT_EDITABLE);
  g_assert_nonnull (strstr (error->message, "VHS_LoadVideoPath #2"));
  lk_test_assert_unchanged (workflow, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workflow/lora/inject-into-character-loader", test_lora_inject);
  g_test_add_func ("/workflow/lora/inject-two-strengths", test_lora_inject_two_strengths);
  g_test_add_func ("/workflow/lora/inject-model-only", test_lora_inject_model_only);
  g_test_add_func ("/workflow/bypass/rewires-consumers", test_bypass_rewires_consumers);
  g_test_add_func ("/workflow/bypass/keeps-rest-of-chain", test_bypass_keeps_chain);
  g_test_add_func ("/workflow/bypass/model-only", test_bypass_model_only);
  g_test_add_func ("/workflow/bypass/animatediff", test_bypass_animatediff);
  g_test_add_func ("/workflow/lora/insert-after-checkpoint", test_lora_insert_after_checkpoint);
  g_test_add_func ("/workflow/lora/insert-model-only", test_lora_insert_model_only);
  g_test_add_func ("/workflow/lora/stack-chain", test_lora_stack_chain);
  g_test_add_func ("/workflow/lora/refiner-untouched", test_lora_refiner_untouched);
  g_test_add_func ("/workflow/lora/missing-loader", test_lora_missing_loader);
  g_test_add_func ("/workflow/lora/bad-arguments", test_lora_bad_arguments);
  g_test_add_func ("/workflow/checkpoint/set-main-loader", test_checkpoint_set_main);
  g_test_add_func ("/workflow/prompt/trigger-words-first", test_prompt_trigger_words_first);
  g_test_add_func ("/workflow/prompt/replace-and-dedupe", test_prompt_replace_and_dedupe);
  g_test_add_func ("/workflow/prompt/sdxl-every-field", test_prompt_sdxl_every_field);
  g_test_add_func ("/workflow/prompt/through-link", test_prompt_through_link);
  g_test_add_func ("/workflow/prompt/shared-text-refused", test_prompt_shared_text_refused);
  g_test_add_func ("/workflow/prompt/linked-from-unknown-node", test_prompt_linked_from_unknown_node);
  g_test_add_func ("/workflow/seed/explicit", test_seed_explicit);
  g_test_add_func ("/workflow/seed/through-link", test_seed_through_link);
  g_test_add_func ("/workflow/seed/too-large", test_seed_too_large);
  g_test_add_func ("/workflow/seed/random-in-range", test_seed_random_in_range);
  g_test_add_func ("/workflow/size/size-and-batch", test_size_and_batch);
  g_test_add_func ("/workflow/frames/animatediff-batch", test_frames_animatediff);
  g_test_add_func ("/workflow/frames/video-latent-length", test_frames_video_latent);
  g_test_add_func ("/workflow/frames/from-link-refused", test_frames_from_link_refused);

  return g_test_run ();
}
