/* test-workflow-recipe.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-output-name.h"
#include "lk-test-workflow.h"
#include "lk-workflow-recipe.h"

static void
test_output_names_convention (void)
{
  g_autoptr(LkWorkflow) image = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(LkWorkflow) video = lk_test_load_workflow ("animatediff-vhs.json");
  g_autoptr(LkWorkflow) both = lk_test_load_workflow ("ksampler-advanced.json");
  g_autoptr(GDateTime) when = lk_test_fixed_time ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_output_names (image, NULL, NULL, NULL, when, &error));
  g_assert_true (lk_workflow_set_output_names (video, NULL, NULL, NULL, when, &error));
  g_assert_true (lk_workflow_set_output_names (both, NULL, NULL, NULL, when, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (lk_test_input_string (image, "9", "filename_prefix"), ==, "anime_image_1769342400");
  g_assert_cmpstr (lk_test_input_string (video, "9", "filename_prefix"), ==, "anime_video_1769342400");
  g_assert_cmpstr (lk_test_input_string (both, "9", "filename_prefix"), ==, "anime_image_1769342400");
  g_assert_cmpstr (lk_workflow_get_changes (image)[0], ==,
                   "SaveImage #9: filename_prefix ComfyUI → anime_image_1769342400");
  /* PreviewImage has no name to set. */
  g_assert_null (lk_workflow_get_changes (both)[1]);
}

static void
test_output_names_subfolders (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GDateTime) when = lk_test_fixed_time ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_workflow_set_output_names (workflow, "anime/{project}/{character}/anime_{kind}_{timestamp}",
                                               "Spring Festival 2026", "Mei / ../../etc%year%",
                                               when, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_test_input_string (workflow, "9", "filename_prefix"), ==,
                   "anime/Spring_Festival_2026/Mei_.._.._etc_year/anime_image_1769342400");
}

static void
test_output_names_expansion (void)
{
  g_autoptr(GDateTime) when = lk_test_fixed_time ();
  static const struct { const char *pattern; const char *expected; } cases[] = {
    { "anime_{kind}_{timestamp}", "anime_image_1769342400" },
    { "%date:yyyy-MM-dd%/img_{time}", "2026-01-25/img_120000" },
    { "%date:yy.M.d h-m-s%_x", "26.1.25 12-0-0_x" },
    { "{date}/%year%_{kind}", "2026-01-25/%year%_image" },
    { "{character}/{kind}", "Mei_Tanaka/image" },
    { "日本/{character}", "日本/Mei_Tanaka" },
  };
  static const char * const refused[] = {
    "/etc/anime", "../anime", "anime/../../x", "a//b", "anime/", "{nope}", "a\\b", "C:/x", "{kind",
    "", "a\001b", "{project}/x", "./x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = lk_output_name_expand (cases[i].pattern, "image", NULL, "Mei Tanaka",
                                                     when, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = lk_output_name_expand (refused[i], "image", NULL, "Mei", when, &error);

      g_test_message ("%s → %s", refused[i], error ? error->message : name);
      g_assert_null (name);
      g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_output_names_sanitize (void)
{
  static const struct { const char *name; const char *expected; } cases[] = {
    { "Mei Tanaka", "Mei_Tanaka" },
    { "../../etc/passwd", "etc_passwd" },
    { "...hidden", "hidden" },
    { "a   b\tc", "a_b_c" },
    { "名前-テスト", "名前-テスト" },
    { "50%done%", "50_done" },
    { "///", "" },
    { "\xff", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = lk_output_name_sanitize_part (cases[i].name);

      g_assert_cmpstr (safe, ==, cases[i].expected);
    }
}

static void
test_recipe_full (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(GDateTime) when = lk_test_fixed_time ();
  const char * const triggers[] = { "mei_v1", NULL };
  const LkLoraSpec extra[] = { { "add_detail.safetensors", 0.5, 0.5 } };
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  LkWorkflowRecipe recipe;

  lk_workflow_recipe_init (&recipe);
  recipe.checkpoint = "counterfeitV30_v30.safetensors";
  recipe.lora_name = "characters/mei_working_v1.safetensors";
  recipe.trigger_words = triggers;
  recipe.extra_loras = extra;
  recipe.n_extra_loras = G_N_ELEMENTS (extra);
  recipe.prompt = "waving";
  recipe.negative_prompt = "blurry";
  recipe.seed_mode = LK_SEED_MODE_FIXED;
  recipe.seed = 1234;
  recipe.width = 640;
  recipe.height = 960;
  recipe.batch_size = 2;
  recipe.output_pattern = "anime/{project}/{character}/anime_{kind}_{timestamp}";
  recipe.project = "Spring";
  recipe.character = "Mei";
  recipe.timestamp = when;

  g_assert_true (lk_workflow_apply_recipe (workflow, &recipe, &error));
  g_assert_no_error (error);
  lk_test_assert_valid (workflow);

  changes = lk_test_changes_joined (workflow);
  g_assert_cmpstr (changes, ==,
                   "CheckpointLoaderSimple #4: ckpt_name v1-5-pruned-emaonly.safetensors → counterfeitV30_v30.safetensors\n"
                   "LoraLoader #10: lora_name placeholder.safetensors → characters/mei_working_v1.safetensors, strength 1.0 → 0.8\n"
                   "LoraLoader #11 added after LoraLoader #10: add_detail.safetensors, strength 0.5\n"
                   "CLIPTextEncode #6: text “masterpiece, best quality, 1girl, solo, looking at viewer, s…” → “mei_v1, waving, masterpiece, best quality, 1girl, solo, look…”\n"
                   "CLIPTextEncode #7: text “lowres, bad anatomy, bad hands, text, error, missing fingers…” → “blurry, lowres, bad anatomy, bad hands, text, error, missing…”\n"
                   "KSampler #3: seed 156680208700286 → 1234\n"
                   "EmptyLatentImage #5: size 512×768 → 640×960\n"
                   "EmptyLatentImage #5: batch_size 1 → 2\n"
                   "SaveImage #9: filename_prefix ComfyUI → anime/Spring/Mei/anime_image_1769342400");
  lk_test_assert_input (workflow, "3", "model", "[\"11\",0]");
}

static void
test_recipe_without_lora_bypasses (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  const char * const triggers[] = { "someone_else", NULL };
  g_autoptr(GError) error = NULL;
  LkWorkflowRecipe recipe;

  lk_workflow_recipe_init (&recipe);
  recipe.trigger_words = triggers;

  g_assert_true (lk_workflow_apply_recipe (workflow, &recipe, &error));
  g_assert_no_error (error);
  g_assert_null (lk_workflow_get_class_type (workflow, "10"));
  lk_test_assert_input (workflow, "3", "model", "[\"4\",0]");
  /* Without the LoRA its trigger words mean nothing: the prompt is left alone. */
  g_assert_true (g_str_has_prefix (lk_test_input_string (workflow, "6", "text"), "masterpiece"));
  g_assert_true (g_str_has_prefix (lk_test_input_string (workflow, "9", "filename_prefix"), "anime_image_"));
  lk_test_assert_valid (workflow);
}

static void
test_recipe_inserts_loader (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-no-lora.json");
  g_autoptr(GError) error = NULL;
  guint64 seed;
  LkWorkflowRecipe recipe;

  lk_workflow_recipe_init (&recipe);
  recipe.lora_name = "characters/mei_working_v1.safetensors";

  g_assert_true (lk_workflow_apply_recipe (workflow, &recipe, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_workflow_get_class_type (workflow, "10"), ==, "LoraLoader");
  lk_test_assert_input (workflow, "3", "model", "[\"10\",0]");
  g_assert_true (lk_workflow_get_seed (workflow, &seed));
  g_assert_cmpuint (seed, <, LK_WORKFLOW_SEED_LIMIT);
  lk_test_assert_valid (workflow);
}

static void
test_recipe_failure_leaves_nothing (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autofree char *before = lk_workflow_to_string (workflow, FALSE);
  const char * const triggers[] = { "mei_v1", NULL };
  g_autoptr(GError) error = NULL;
  LkWorkflowRecipe recipe;

  /* Everything succeeds but the last step: a frame count on an image template. */
  lk_workflow_recipe_init (&recipe);
  recipe.lora_name = "characters/mei_working_v1.safetensors";
  recipe.trigger_words = triggers;
  recipe.prompt = "waving";
  recipe.width = 640;
  recipe.height = 640;
  recipe.frame_count = 16;

  g_assert_false (lk_workflow_apply_recipe (workflow, &recipe, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  lk_test_assert_unchanged (workflow, before);

  /* And the output pattern, checked last of all. */
  g_clear_error (&error);
  recipe.frame_count = 0;
  recipe.output_pattern = "../outside";
  g_assert_false (lk_workflow_apply_recipe (workflow, &recipe, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_ARGUMENT);
  lk_test_assert_unchanged (workflow, before);

  /* The bypass removes a node: undoing it puts the node back. */
  g_clear_error (&error);
  recipe.lora_name = NULL;
  g_assert_false (lk_workflow_apply_recipe (workflow, &recipe, &error));
  lk_test_assert_unchanged (workflow, before);
}

static void
test_edit_invalid_graph_refused (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("bad-dangling-link.json");
  g_autofree char *before = lk_workflow_to_string (workflow, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_false (lk_workflow_set_seed (workflow, 1, &error));
  g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_INVALID_GRAPH);
  g_assert_nonnull (strstr (error->message, "Node 8 (VAEDecode), input vae"));
  after = lk_workflow_to_string (workflow, FALSE);
  g_assert_cmpstr (after, ==, before);
}

static void
test_edit_copy_is_independent (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("sd15-txt2img.json");
  g_autoptr(LkWorkflow) copy = lk_workflow_copy (workflow);
  g_autofree char *before = lk_workflow_to_string (workflow, FALSE);
  g_autofree char *copied = lk_workflow_to_string (copy, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (before, ==, copied);
  g_assert_true (lk_workflow_bypass_lora (copy, NULL, &error));
  g_assert_no_error (error);
  lk_test_assert_unchanged (workflow, before);
  g_assert_nonnull (lk_workflow_get_changes (copy)[0]);
  lk_workflow_clear_changes (copy);
  g_assert_null (lk_workflow_get_changes (copy)[0]);
}

/* Every edit on every template: each either succeeds and leaves a valid graph, or fails and
 * leaves the graph exactly as it was. */
static void
test_edit_every_edit_keeps_graph_valid (void)
{
  static const char * const templates[] = {
    "sd15-txt2img.json", "sd15-no-lora.json", "sdxl-base-refiner.json", "animatediff-vhs.json",
    "two-loras.json", "lora-model-only.json", "ksampler-advanced.json", "prompt-from-link.json",
  };
  const char * const triggers[] = { "mei_v1", NULL };
  g_autoptr(GDateTime) when = lk_test_fixed_time ();

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    for (guint edit = 0; edit < 12; edit++)
      {
        g_autoptr(LkWorkflow) workflow = lk_test_load_workflow (templates[t]);
        g_autofree char *before = lk_workflow_to_string (workflow, FALSE);
        g_autofree char *added = NULL;
        g_autoptr(GError) error = NULL;
        gboolean ok = FALSE;

        switch (edit)
          {
          case 0: ok = lk_workflow_set_lora (workflow, NULL, "x.safetensors", 0.8, 0.7, &error); break;
          case 1: ok = lk_workflow_bypass_lora (workflow, NULL, &error); break;
          case 2: ok = (added = lk_workflow_add_lora (workflow, "x.safetensors", 1, 1, &error)) != NULL; break;
          case 3: ok = lk_workflow_set_checkpoint (workflow, "y.safetensors", &error); break;
          case 4: ok = lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_POSITIVE, triggers, "p", TRUE, &error); break;
          case 5: ok = lk_workflow_set_prompt (workflow, LK_WORKFLOW_ROLE_NEGATIVE, NULL, "n", FALSE, &error); break;
          case 6: ok = lk_workflow_set_seed (workflow, 7, &error); break;
          case 7: ok = lk_workflow_set_size (workflow, 1024, 576, &error); break;
          case 8: ok = lk_workflow_set_batch_size (workflow, 3, &error); break;
          case 9: ok = lk_workflow_set_frame_count (workflow, 32, &error); break;
          case 10: ok = lk_workflow_set_output_names (workflow, NULL, NULL, NULL, when, &error); break;
          default:
            {
              LkWorkflowRecipe recipe;

              lk_workflow_recipe_init (&recipe);
              recipe.lora_name = "x.safetensors";
              recipe.trigger_words = triggers;
              recipe.prompt = "p";
              ok = lk_workflow_apply_recipe (workflow, &recipe, &error);
            }
            break;
          }

        g_test_message ("%s edit %u: %s", templates[t], edit, error ? error->message : "ok");
        if (ok)
          {
            g_assert_no_error (error);
            lk_test_assert_valid (workflow);
          }
        else
          {
            g_assert_nonnull (error);
            lk_test_assert_unchanged (workflow, before);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workflow/output-names/convention", test_output_names_convention);
  g_test_add_func ("/workflow/output-names/subfolders", test_output_names_subfolders);
  g_test_add_func ("/workflow/output-names/expansion", test_output_names_expansion);
  g_test_add_func ("/workflow/output-names/sanitize", test_output_names_sanitize);
  g_test_add_func ("/workflow/recipe/full", test_recipe_full);
  g_test_add_func ("/workflow/recipe/without-lora-bypasses", test_recipe_without_lora_bypasses);
  g_test_add_func ("/workflow/recipe/inserts-loader", test_recipe_inserts_loader);
  g_test_add_func ("/workflow/recipe/failure-leaves-nothing", test_recipe_failure_leaves_nothing);
  g_test_add_func ("/workflow/edit/invalid-graph-refused", test_edit_invalid_graph_refused);
  g_test_add_func ("/workflow/edit/copy-is-independent", test_edit_copy_is_independent);
  g_test_add_func ("/workflow/edit/every-edit-keeps-graph-valid", test_edit_every_edit_keeps_graph_valid);

  return g_test_run ();
}
