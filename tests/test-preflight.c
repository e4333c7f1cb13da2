/* test-preflight.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-json-parser.h"
#include "lk-object-info.h"
#include "lk-preflight.h"
#include "lk-workflow.h"
#include "lk-workflow-recipe.h"

static char *
read_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static LkObjectInfo *
load_object_info (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LkObjectInfo *info;
  gsize length;

  contents = read_data (name, &length);
  info = lk_object_info_new_from_string (contents, length, &error);
  g_assert_no_error (error);
  return info;
}

static LkWorkflow *
load_workflow (const char *name)
{
  g_autofree char *path = g_build_filename ("workflows", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  LkWorkflow *workflow;
  gsize length;

  contents = read_data (path, &length);
  workflow = lk_workflow_new_from_string (contents, length, &error);
  g_assert_no_error (error);
  return workflow;
}

/* A workflow from a fixture with one input replaced by @value (JSON). */
static LkWorkflow *
load_workflow_with (const char *name,
                    const char *node_id,
                    const char *input,
                    const char *value)
{
  g_autoptr(LkWorkflow) workflow = load_workflow (name);
  g_autoptr(JsonNode) root = lk_workflow_dup_root (workflow);
  g_autoptr(GError) error = NULL;
  JsonObject *inputs;
  LkWorkflow *changed;

  inputs = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root),
                                                                         node_id), "inputs");
  if (value == NULL)
    json_object_remove_member (inputs, input);
  else
    json_object_set_member (inputs, input, lk_json_parse (value, strlen (value), 1024, 8, 0, NULL, NULL));

  changed = lk_workflow_new_from_node (root, &error);
  g_assert_no_error (error);
  return changed;
}

static char *
describe_checks (GListModel *checks)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      g_string_append_printf (text, "%s %s [%s] %s | %s\n", lk_check_get_id (check),
                              lk_check_level_to_string (lk_check_get_level (check)),
                              lk_check_get_node_id (check) ? lk_check_get_node_id (check) : "-",
                              lk_check_get_message (check),
                              lk_check_get_fix (check) ? lk_check_get_fix (check) : "");
    }

  return g_string_free (text, FALSE);
}

/* The first check with @id and @level, or NULL. */
static LkCheck *
find_check (GListModel   *checks,
            const char   *id,
            LkCheckLevel  level)
{
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (lk_check_get_id (check), id) == 0 && lk_check_get_level (check) == level)
        return check;
    }

  return NULL;
}

static guint
count_level (GListModel   *checks,
             LkCheckLevel  level)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (checks, i);

      n += lk_check_get_level (check) == level;
    }

  return n;
}

static GListModel *
run_preflight (LkWorkflow   *workflow,
               LkObjectInfo *info,
               const char   *lora_family,
               const char   *checkpoint_family)
{
  g_autoptr(LkPreflight) preflight = lk_preflight_new (info);
  g_auto(GStrv) loaders = lk_workflow_find (workflow, LK_WORKFLOW_ROLE_LORA_LOADER);
  g_auto(GStrv) models = lk_workflow_find (workflow, LK_WORKFLOW_ROLE_MODEL_LOADER);
  GListModel *checks;
  g_autofree char *text = NULL;

  lk_preflight_set_server (preflight, "http://127.0.0.1:8188");
  for (guint i = 0; loaders[i] != NULL; i++)
    lk_preflight_set_base_model (preflight,
                                 json_node_get_string (lk_workflow_get_input (workflow, loaders[i], "lora_name")),
                                 lora_family);
  if (models[0] != NULL && lk_workflow_get_input (workflow, models[0], "ckpt_name") != NULL)
    lk_preflight_set_base_model (preflight,
                                 json_node_get_string (lk_workflow_get_input (workflow, models[0], "ckpt_name")),
                                 checkpoint_family);

  checks = lk_preflight_run (preflight, workflow);
  text = describe_checks (checks);
  g_test_message ("%s", text);
  return checks;
}

static void
test_object_info_combo_shapes (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  const char * const *options;
  g_auto(GStrv) required = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpuint (lk_object_info_get_n_classes (info), ==, 25);
  g_assert_true (lk_object_info_has_class (info, "LoraLoader"));
  g_assert_false (lk_object_info_has_class (info, "VHS_VideoCombine"));

  /* [[names…], {options}] */
  options = lk_object_info_get_options (info, "LoraLoader", "lora_name");
  g_assert_nonnull (options);
  g_assert_true (g_strv_contains (options, "characters/mei_working_v1.safetensors"));
  g_assert_cmpstr (lk_object_info_get_input_type (info, "LoraLoader", "lora_name"), ==, "COMBO");

  /* [[names…]] without options */
  options = lk_object_info_get_options (info, "LoraLoaderModelOnly", "lora_name");
  g_assert_nonnull (options);
  g_assert_cmpuint (g_strv_length ((char **) options), ==, 8);

  /* ["COMBO", {"options": […]}] */
  options = lk_object_info_get_options (info, "SaveVideo", "format");
  g_assert_nonnull (options);
  g_assert_cmpstr (options[0], ==, "auto");
  g_assert_cmpstr (options[1], ==, "mp4");
  g_assert_null (options[2]);

  /* ["COMBO", {…}] whose choices the browser fetches: nothing to check against. */
  g_assert_null (lk_object_info_get_options (info, "LoadImageOutput", "image"));
  g_assert_cmpstr (lk_object_info_get_input_type (info, "LoadImageOutput", "image"), ==, "COMBO");

  g_assert_null (lk_object_info_get_options (info, "KSampler", "seed"));
  g_assert_cmpstr (lk_object_info_get_input_type (info, "KSampler", "seed"), ==, "INT");
  g_assert_null (lk_object_info_get_input_type (info, "KSampler", "nope"));

  required = lk_object_info_dup_required_inputs (info, "LoraLoader");
  joined = g_strjoinv (" ", required);
  g_assert_cmpstr (joined, ==, "model clip lora_name strength_model strength_clip");
  g_assert_null (lk_object_info_dup_required_inputs (info, "Nope"));

  g_assert_cmpuint (lk_object_info_get_n_outputs (info, "CheckpointLoaderSimple"), ==, 3);
  g_assert_cmpstr (lk_object_info_get_output_type (info, "CheckpointLoaderSimple", 1), ==, "CLIP");
  g_assert_null (lk_object_info_get_output_type (info, "CheckpointLoaderSimple", 3));
  g_assert_true (lk_object_info_is_output_node (info, "SaveImage"));
  g_assert_false (lk_object_info_is_output_node (info, "KSampler"));
  g_assert_cmpint (lk_object_info_get_path_separator (info), ==, '/');
}

static void
test_object_info_windows_separator (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info-windows.json");

  g_assert_cmpint (lk_object_info_get_path_separator (info), ==, '\\');
  g_assert_cmpstr (lk_object_info_find_option (info, "LoraLoader", "lora_name",
                                               "characters/mei_working_v1.safetensors"),
                   ==, "characters\\mei_working_v1.safetensors");
  g_assert_cmpstr (lk_object_info_find_option (info, "LoraLoader", "lora_name",
                                               "characters\\mei_working_v1.safetensors"),
                   ==, "characters\\mei_working_v1.safetensors");
  g_assert_null (lk_object_info_find_option (info, "LoraLoader", "lora_name", "mei_working_v1.safetensors"));
  g_assert_null (lk_object_info_find_option (info, "LoraLoader", "strength_model", "1"));
}

static void
test_object_info_python_numbers (void)
{
  static const char *text =
    "{\"KSampler\": {\"input\": {\"required\": {\"seed\": [\"INT\", {\"default\": 0, \"min\": 0, "
    "\"max\": 18446744073709551615}], \"cfg\": [\"FLOAT\", {\"max\": Infinity, \"min\": -Infinity, "
    "\"round\": NaN}]}}, \"output\": [\"LATENT\"], \"output_node\": false}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LkObjectInfo) info = lk_object_info_new_from_string (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lk_object_info_get_input_type (info, "KSampler", "seed"), ==, "INT");
  g_assert_cmpstr (lk_object_info_get_input_type (info, "KSampler", "cfg"), ==, "FLOAT");
}

static void
test_object_info_bad (void)
{
  static const char * const cases[] = {
    "", "[]", "{}", "{\"KSampler\": 3}", "<html>502</html>", "{\"a\": {\"input\": ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkObjectInfo) info = lk_object_info_new_from_string (cases[i], -1, &error);

      g_assert_null (info);
      g_assert_error (error, LK_WORKFLOW_ERROR, LK_WORKFLOW_ERROR_BAD_OBJECT_INFO);
    }

  /* A broken class is skipped; the rest is kept. */
  {
    static const char *text = "{\"Broken\": {\"input\": {\"required\": {\"x\": 5, \"y\": []}}, \"output\": 7},"
                              " \"SaveImage\": {\"input\": {\"required\": {\"images\": [\"IMAGE\"]}}, \"output_node\": true}}";
    g_autoptr(GError) error = NULL;
    g_autoptr(LkObjectInfo) info = lk_object_info_new_from_string (text, -1, &error);

    g_assert_no_error (error);
    g_assert_true (lk_object_info_has_class (info, "Broken"));
    g_assert_null (lk_object_info_get_input_type (info, "Broken", "x"));
    g_assert_cmpuint (lk_object_info_get_n_outputs (info, "Broken"), ==, 0);
    g_assert_true (lk_object_info_is_output_node (info, "SaveImage"));
  }
}

static void
test_preflight_all_ok (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("sd15-txt2img.json");
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const ids[] = {
    "graph", "node-classes", "required-inputs", "model-files", "links", "outputs", "base-model",
  };

  g_assert_true (lk_workflow_set_lora (workflow, NULL, "characters/mei_working_v1.safetensors",
                                       0.8, 0.8, &error));
  checks = run_preflight (workflow, info, "SD 1.5", "sd15");

  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (find_check (checks, ids[i], LK_CHECK_LEVEL_OK));
  g_assert_false (lk_preflight_has_errors (checks));
  g_assert_cmpstr (lk_check_get_message (find_check (checks, "base-model", LK_CHECK_LEVEL_OK)), ==,
                   "The LoRA characters/mei_working_v1.safetensors and the checkpoint "
                   "v1-5-pruned-emaonly.safetensors are both SD 1.5");
}

static void
test_preflight_every_template (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  static const char * const templates[] = {
    "sd15-no-lora.json", "sdxl-base-refiner.json", "two-loras.json", "lora-model-only.json",
    "ksampler-advanced.json", "prompt-from-link.json",
  };

  /* Templates that use only core nodes pass everything but the unknown base models. */
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(LkWorkflow) workflow = load_workflow (templates[i]);
      g_autoptr(GListModel) checks = run_preflight (workflow, info, NULL, NULL);

      g_assert_cmpuint (count_level (checks, LK_CHECK_LEVEL_ERROR), ==, 0);
    }
}

static void
test_preflight_missing_custom_nodes (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("animatediff-vhs.json");
  g_autoptr(GListModel) checks = run_preflight (workflow, info, "sd15", "sd15");
  g_autofree char *text = describe_checks (checks);

  g_assert_true (lk_preflight_has_errors (checks));
  g_assert_nonnull (strstr (text, "node-classes error [9] http://127.0.0.1:8188 does not have the "
                                  "node VHS_VideoCombine, which the template uses (node 9)"));
  g_assert_nonnull (strstr (text, "ADE_UseEvolvedSampling"));
  g_assert_nonnull (strstr (text, "ADE_LoadAnimateDiffModel"));
  g_assert_nonnull (strstr (text, "Install Missing Custom Nodes"));
  g_assert_null (find_check (checks, "node-classes", LK_CHECK_LEVEL_OK));
}

static void
test_preflight_missing_lora (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("sd15-txt2img.json");
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  LkCheck *check;

  g_assert_true (lk_workflow_set_lora (workflow, NULL, "characters/nobody_v3.safetensors", 0.8, 0.8,
                                       &error));
  checks = run_preflight (workflow, info, "sd15", "sd15");
  check = find_check (checks, "model-files", LK_CHECK_LEVEL_ERROR);
  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_node_id (check), ==, "10");
  g_assert_cmpstr (lk_check_get_message (check), ==,
                   "The LoRA file characters/nobody_v3.safetensors is not on http://127.0.0.1:8188: "
                   "it is not in the server’s models/loras folder (node 10, LoraLoader)");
  g_assert_nonnull (strstr (lk_check_get_fix (check), "models/loras"));
}

static void
test_preflight_windows_spelling (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info-windows.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("sd15-txt2img.json");
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  LkCheck *check;

  g_assert_true (lk_workflow_set_lora (workflow, NULL, "characters/mei_working_v1.safetensors",
                                       0.8, 0.8, &error));
  checks = run_preflight (workflow, info, "sd15", "sd15");
  check = find_check (checks, "model-files", LK_CHECK_LEVEL_ERROR);
  g_assert_nonnull (check);
  g_assert_nonnull (strstr (lk_check_get_fix (check), "characters\\mei_working_v1.safetensors"));

  /* With the server's spelling, the file is found. */
  g_clear_object (&checks);
  g_assert_true (lk_workflow_set_lora (workflow, NULL,
                                       lk_object_info_find_option (info, "LoraLoader", "lora_name",
                                                                   "characters/mei_working_v1.safetensors"),
                                       0.8, 0.8, &error));
  checks = run_preflight (workflow, info, "sd15", "sd15");
  g_assert_nonnull (find_check (checks, "model-files", LK_CHECK_LEVEL_OK));
}

static void
test_preflight_required_input (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow_with ("sd15-txt2img.json", "3", "cfg", NULL);
  g_autoptr(GListModel) checks = run_preflight (workflow, info, "sd15", "sd15");
  LkCheck *check = find_check (checks, "required-inputs", LK_CHECK_LEVEL_ERROR);

  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_message (check), ==, "Node 3 (KSampler) lacks its required input cfg");
}

static void
test_preflight_link_types (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) wrong_type = load_workflow_with ("sd15-txt2img.json", "6", "clip", "[\"4\", 0]");
  g_autoptr(LkWorkflow) wrong_slot = load_workflow_with ("sd15-txt2img.json", "8", "vae", "[\"4\", 5]");
  g_autoptr(GListModel) type_checks = run_preflight (wrong_type, info, "sd15", "sd15");
  g_autoptr(GListModel) slot_checks = run_preflight (wrong_slot, info, "sd15", "sd15");
  LkCheck *check;

  check = find_check (type_checks, "links", LK_CHECK_LEVEL_ERROR);
  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_message (check), ==,
                   "Node 6 (CLIPTextEncode), input clip: receives MODEL from node 4 "
                   "(CheckpointLoaderSimple) but needs CLIP");

  check = find_check (slot_checks, "links", LK_CHECK_LEVEL_ERROR);
  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_message (check), ==,
                   "Node 8 (VAEDecode), input vae: links to output 5 of node 4 "
                   "(CheckpointLoaderSimple), which has 3 outputs");
}

static void
test_preflight_bad_choice (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow_with ("sd15-txt2img.json", "3", "sampler_name",
                                                       "\"euler_x\"");
  g_autoptr(GListModel) checks = run_preflight (workflow, info, "sd15", "sd15");
  LkCheck *check = find_check (checks, "model-files", LK_CHECK_LEVEL_ERROR);

  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_message (check), ==,
                   "Node 3 (KSampler), input sampler_name: “euler_x” is not one of the choices "
                   "http://127.0.0.1:8188 offers");
  g_assert_cmpstr (lk_check_get_fix (check), ==,
                   "Choose one of: euler, euler_cfg_pp, euler_ancestral, heun, dpm_2, …");
}

static void
test_preflight_base_model_mismatch (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("sd15-txt2img.json");
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  LkCheck *check;

  g_assert_true (lk_workflow_set_lora (workflow, NULL, "characters/sdxl/rin_v2.safetensors", 0.8,
                                       0.8, &error));
  checks = run_preflight (workflow, info, "sdxl_base_v1-0", "sd15");
  check = find_check (checks, "base-model", LK_CHECK_LEVEL_ERROR);
  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_node_id (check), ==, "10");
  g_assert_cmpstr (lk_check_get_message (check), ==,
                   "The LoRA characters/sdxl/rin_v2.safetensors is made for SDXL but the checkpoint "
                   "v1-5-pruned-emaonly.safetensors is SD 1.5: ComfyUI would only log “lora key not "
                   "loaded” and draw the wrong character");
  g_assert_true (lk_preflight_has_errors (checks));
}

static void
test_preflight_base_model_from_checkpoint_name (void)
{
  g_autoptr(LkWorkflow) workflow = load_workflow ("sdxl-base-refiner.json");
  g_autoptr(LkPreflight) preflight = lk_preflight_new (NULL);
  g_autoptr(GListModel) checks = NULL;

  /* Only the LoRA's family is known; "sd_xl_base_1.0" says the checkpoint's. */
  lk_preflight_set_base_model (preflight, "placeholder_sdxl.safetensors", "sd15");
  checks = lk_preflight_run (preflight, workflow);
  g_assert_nonnull (find_check (checks, "base-model", LK_CHECK_LEVEL_ERROR));

  g_clear_object (&checks);
  lk_preflight_set_base_model (preflight, "placeholder_sdxl.safetensors", "sdxl");
  checks = lk_preflight_run (preflight, workflow);
  g_assert_nonnull (find_check (checks, "base-model", LK_CHECK_LEVEL_OK));
  g_assert_null (find_check (checks, "base-model", LK_CHECK_LEVEL_ERROR));
}

static void
test_preflight_base_model_unknown (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("two-loras.json");
  g_autoptr(GListModel) checks = run_preflight (workflow, info, NULL, "sd15");
  g_autofree char *text = describe_checks (checks);

  /* Unknown is a warning per LoRA, never an error. */
  g_assert_false (lk_preflight_has_errors (checks));
  g_assert_nonnull (strstr (text, "base-model warning [10] The base model of placeholder.safetensors is unknown"));
  g_assert_nonnull (strstr (text, "base-model warning [11] The base model of flat_color_style.safetensors is unknown"));
}

static void
test_preflight_without_server (void)
{
  g_autoptr(LkWorkflow) workflow = load_workflow ("bad-dangling-link.json");
  g_autoptr(GListModel) checks = run_preflight (workflow, NULL, NULL, NULL);
  LkCheck *check;

  check = find_check (checks, "graph", LK_CHECK_LEVEL_ERROR);
  g_assert_nonnull (check);
  g_assert_cmpstr (lk_check_get_message (check), ==,
                   "Node 8 (VAEDecode), input vae: links to node 12, which does not exist");
  g_assert_cmpstr (lk_check_get_node_id (check), ==, "8");
  g_assert_nonnull (find_check (checks, "server", LK_CHECK_LEVEL_WARNING));
  g_assert_nonnull (find_check (checks, "base-model", LK_CHECK_LEVEL_OK));
  g_assert_null (find_check (checks, "node-classes", LK_CHECK_LEVEL_OK));
}

static void
test_preflight_report (void)
{
  g_autoptr(LkObjectInfo) info = load_object_info ("object_info.json");
  g_autoptr(LkWorkflow) workflow = load_workflow ("sd15-txt2img.json");
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(LkWorkflow) reread = NULL;
  g_autofree char *report = NULL;
  g_autofree char *expected_workflow = NULL;
  g_autofree char *reread_text = NULL;
  LkWorkflowRecipe recipe;
  JsonObject *object;
  JsonArray *checks_array;

  lk_workflow_recipe_init (&recipe);
  recipe.lora_name = "characters/mei_working_v1.safetensors";
  recipe.seed_mode = LK_SEED_MODE_FIXED;
  recipe.seed = 7;
  g_assert_true (lk_workflow_apply_recipe (workflow, &recipe, &error));
  g_assert_no_error (error);
  checks = run_preflight (workflow, info, "sd15", "sd15");

  report = lk_preflight_report_to_string (workflow, checks, TRUE);
  parsed = lk_json_parse (report, strlen (report), G_MAXSIZE, 64, 0, NULL, &error);
  g_assert_no_error (error);
  object = json_node_get_object (parsed);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "workflow")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "changes"), 1),
                   ==, "KSampler #3: seed 156680208700286 → 7");
  checks_array = json_object_get_array_member (object, "checks");
  g_assert_cmpuint (json_array_get_length (checks_array), ==, g_list_model_get_n_items (checks));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks_array, 0), "level"),
                   ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks_array, 0), "id"),
                   ==, "graph");

  /* The workflow in the report is the workflow, node for node. */
  reread = lk_workflow_new_from_node (json_object_get_member (object, "workflow"), &error);
  g_assert_no_error (error);
  reread_text = lk_workflow_to_string (reread, FALSE);
  expected_workflow = lk_workflow_to_string (workflow, FALSE);
  g_assert_cmpstr (reread_text, ==, expected_workflow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/object-info/combo-shapes", test_object_info_combo_shapes);
  g_test_add_func ("/object-info/windows-separator", test_object_info_windows_separator);
  g_test_add_func ("/object-info/python-numbers", test_object_info_python_numbers);
  g_test_add_func ("/object-info/bad-answers", test_object_info_bad);
  g_test_add_func ("/preflight/all-ok", test_preflight_all_ok);
  g_test_add_func ("/preflight/core-templates-pass", test_preflight_every_template);
  g_test_add_func ("/preflight/missing-custom-nodes", test_preflight_missing_custom_nodes);
  g_test_add_func ("/preflight/missing-lora", test_preflight_missing_lora);
  g_test_add_func ("/preflight/windows-spelling", test_preflight_windows_spelling);
  g_test_add_func ("/preflight/required-input", test_preflight_required_input);
  g_test_add_func ("/preflight/link-types", test_preflight_link_types);
  g_test_add_func ("/preflight/bad-choice", test_preflight_bad_choice);
  g_test_add_func ("/preflight/base-model/mismatch", test_preflight_base_model_mismatch);
  g_test_add_func ("/preflight/base-model/from-checkpoint-name", test_preflight_base_model_from_checkpoint_name);
  g_test_add_func ("/preflight/base-model/unknown-is-warning", test_preflight_base_model_unknown);
  g_test_add_func ("/preflight/without-server", test_preflight_without_server);
  g_test_add_func ("/preflight/report-json", test_preflight_report);

  return g_test_run ();
}
