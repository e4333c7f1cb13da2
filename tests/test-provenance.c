/* test-provenance.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-paths.h"
#include "lk-provenance.h"
#include "lk-provenance-check.h"
#include "lk-test-workflow.h"

#define MEI_LORA "mei_working_v1.safetensors"
#define JOB_TAG "5b0c8e8e-6f7a-4f1e-9a51-0d7d3c1f2a90"

/* Helpers -------------------------------------------------------------------------------- */

/* The demo studio's templates, exactly as the catalog holds them: the n-th $json$ block of
 * the demo seed (0 = the still-image template, 1 = the AnimateDiff video template). */
static LkWorkflow *
load_demo_template (guint n)
{
  g_autofree char *sql_dir = lk_paths_dup_sql_dir ();
  g_autofree char *path = g_build_filename (sql_dir, "demo-studio.sql", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;
  LkWorkflow *workflow;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (contents, "$json$", -1);
  g_assert_cmpuint (g_strv_length (parts), >, 2 * n + 1);
  workflow = lk_workflow_new_from_string (parts[2 * n + 1], -1, &error);
  g_assert_no_error (error);
  return workflow;
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* A small frame as ComfyUI writes it: `prompt` (and, for a Lorakeet job, `lorakeet`) text
 * chunks before the image data. */
static char *
write_frame (const char *name,
             LkWorkflow *workflow,
             const char *job_tag)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 24);
  g_autofree char *path = temp_path (name);
  g_autofree char *prompt = workflow ? lk_workflow_to_string (workflow, FALSE) : NULL;
  g_autofree char *tag = job_tag ? g_strdup_printf ("{\"job\": \"%s\"}", job_tag) : NULL;
  g_autoptr(GError) error = NULL;
  char *keys[3] = { NULL };
  char *values[3] = { NULL };
  guint n = 0;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  if (prompt != NULL)
    {
      keys[n] = (char *)"tEXt::prompt";
      values[n++] = prompt;
    }
  if (tag != NULL)
    {
      keys[n] = (char *)"tEXt::lorakeet";
      values[n++] = tag;
    }
  /* The type is named: isolated test dirs have no MIME database to sniff with. */
  gdk_pixbuf_savev (pixbuf, path, "png", keys, values, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

typedef struct
{
  gboolean      done;
  LkProvenance *provenance;
  GError       *error;
} Load;

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->provenance = lk_provenance_load_finish (result, &load->error);
  load->done = TRUE;
}

static gboolean
load_timeout_cb (gpointer user_data)
{
  g_error ("Reading the provenance took longer than 30 s");
  return G_SOURCE_REMOVE;
}

static LkProvenance *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Load load = { 0 };
  guint timeout_id;

  lk_provenance_load_async (file, NULL, loaded_cb, &load);
  timeout_id = g_timeout_add_seconds (30, load_timeout_cb, NULL);
  while (!load.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  if (load.error != NULL)
    g_propagate_error (error, load.error);
  return load.provenance;
}

static LkProvenance *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  LkProvenance *provenance = load_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (provenance);
  return provenance;
}

static char *
first_of (LkWorkflow     *workflow,
          LkWorkflowRole  role)
{
  g_auto(GStrv) ids = lk_workflow_find (workflow, role);

  g_assert_nonnull (ids);
  g_assert_nonnull (ids[0]);
  return g_strdup (ids[0]);
}

/* Reading frames ------------------------------------------------------------------------- */

static void
test_injected_lora_read_back (void)
{
  g_autoptr(LkWorkflow) workflow = load_demo_template (0);
  g_autofree char *node = first_of (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA);
  g_autofree char *path = NULL;
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  const LkProvenanceLora *lora;
  guint64 seed = 0;
  guint width = 0, height = 0;

  lk_workflow_set_lora (workflow, node, "chars/" MEI_LORA, 0.7, 0.6, &error);
  g_assert_no_error (error);
  lk_workflow_set_seed (workflow, 424242, &error);
  g_assert_no_error (error);
  path = write_frame ("anime_image_1_00001_.png", workflow, JOB_TAG);

  provenance = load_ok (path);
  g_assert_true (lk_provenance_get_has_metadata (provenance));
  g_assert_null (lk_provenance_get_summary (provenance));
  g_assert_cmpstr (lk_provenance_get_path (provenance), ==, path);
  g_assert_cmpstr (lk_provenance_get_checkpoint (provenance), ==,
                   "realisticVisionV51_v51VAE.safetensors");
  g_assert_cmpuint (lk_provenance_get_n_loras (provenance), ==, 1);
  lora = lk_provenance_get_lora (provenance, 0);
  g_assert_cmpstr (lora->name, ==, "chars/" MEI_LORA);
  g_assert_cmpstr (lora->node_id, ==, node);
  g_assert_cmpfloat_with_epsilon (lora->strength_model, 0.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (lora->strength_clip, 0.6, 1e-9);
  g_assert_false (lora->model_only);
  g_assert_true (lk_provenance_get_seed (provenance, &seed));
  g_assert_cmpuint (seed, ==, 424242);
  g_assert_nonnull (strstr (lk_provenance_get_positive (provenance), "tokyo street at night"));
  g_assert_nonnull (strstr (lk_provenance_get_negative (provenance), "bad hands"));
  g_assert_cmpstr (lk_provenance_get_sampler_name (provenance), ==, "dpmpp_2m");
  g_assert_cmpstr (lk_provenance_get_scheduler (provenance), ==, "karras");
  g_assert_cmpuint (lk_provenance_get_steps (provenance), ==, 25);
  g_assert_cmpfloat_with_epsilon (lk_provenance_get_cfg (provenance), 7.0, 1e-9);
  g_assert_true (lk_provenance_get_size (provenance, &width, &height));
  g_assert_cmpuint (width, ==, 512);
  g_assert_cmpuint (height, ==, 768);
  g_assert_cmpstr (lk_provenance_get_job_tag (provenance), ==, JOB_TAG);
  g_assert_null (lk_provenance_get_warnings (provenance)[0]);

  g_unlink (path);
}

static void
test_bypassed_lora_video_first_frame (void)
{
  g_autoptr(LkWorkflow) workflow = load_demo_template (1);
  g_autofree char *node = first_of (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA);
  g_autofree char *png = NULL;
  g_autofree char *video = temp_path ("anime_video_2_00001.mp4");
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;

  lk_workflow_bypass_lora (workflow, node, &error);
  g_assert_no_error (error);
  png = write_frame ("anime_video_2_00001.png", workflow, NULL);
  g_file_set_contents (video, "not read", -1, &error);
  g_assert_no_error (error);

  provenance = load_ok (video);
  g_assert_cmpstr (lk_provenance_get_path (provenance), ==, video);
  g_assert_true (lk_provenance_get_has_metadata (provenance));
  g_assert_cmpstr (lk_provenance_get_checkpoint (provenance), ==, "anything-v5-PrtRE.safetensors");
  g_assert_cmpuint (lk_provenance_get_n_loras (provenance), ==, 0);
  g_assert_cmpstr (lk_provenance_get_sampler_name (provenance), ==, "euler_ancestral");
  g_assert_null (lk_provenance_get_job_tag (provenance));
  g_assert_nonnull (strstr (lk_provenance_get_positive (provenance), "neon rain"));

  g_unlink (png);
  g_unlink (video);
}

static void
test_video_without_first_frame (void)
{
  g_autofree char *video = temp_path ("anime_video_3_00001.mp4");
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (video, "not read", -1, &error);
  g_assert_no_error (error);

  provenance = load_ok (video);
  g_assert_false (lk_provenance_get_has_metadata (provenance));
  g_assert_nonnull (strstr (lk_provenance_get_summary (provenance), "anime_video_3_00001.png"));
  g_unlink (video);
}

static void
test_two_loras_in_chain_order (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("two-loras.json");
  g_autofree char *node = first_of (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA);
  g_autofree char *path = NULL;
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;

  lk_workflow_set_lora (workflow, node, MEI_LORA, 0.8, 0.8, &error);
  g_assert_no_error (error);
  path = write_frame ("two-loras.png", workflow, NULL);

  provenance = load_ok (path);
  g_assert_cmpuint (lk_provenance_get_n_loras (provenance), ==, 2);
  g_assert_cmpstr (lk_provenance_get_lora (provenance, 0)->name, ==, MEI_LORA);
  g_assert_cmpstr (lk_provenance_get_lora (provenance, 1)->name, ==, "flat_color_style.safetensors");
  g_assert_cmpfloat_with_epsilon (lk_provenance_get_lora (provenance, 1)->strength_model, 0.6, 1e-9);
  g_unlink (path);
}

static void
test_model_only_lora (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("lora-model-only.json");
  g_autofree char *path = write_frame ("model-only.png", workflow, NULL);
  g_autoptr(LkProvenance) provenance = load_ok (path);
  g_autoptr(JsonNode) json = lk_provenance_to_json (provenance);
  JsonObject *lora;

  g_assert_cmpstr (lk_provenance_get_checkpoint (provenance), ==,
                   "wan2.1_t2v_1.3B_fp16.safetensors");
  g_assert_cmpuint (lk_provenance_get_n_loras (provenance), ==, 1);
  g_assert_true (lk_provenance_get_lora (provenance, 0)->model_only);

  lora = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json),
                                                                      "loras"), 0);
  g_assert_cmpstr (json_object_get_string_member (lora, "name"), ==,
                   "placeholder_wan.safetensors");
  g_assert_true (json_object_get_null_member (lora, "strength_clip"));
  g_unlink (path);
}

static void
test_prompt_fed_by_link (void)
{
  g_autoptr(LkWorkflow) workflow = lk_test_load_workflow ("prompt-from-link.json");
  g_autofree char *path = write_frame ("from-link.png", workflow, NULL);
  g_autoptr(LkProvenance) provenance = load_ok (path);
  g_autoptr(JsonNode) root = lk_workflow_dup_root (workflow);
  g_autoptr(LkWorkflow) opaque = NULL;
  g_autoptr(LkProvenance) unresolved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opaque_path = NULL;
  JsonObject *node;
  JsonObject *inputs;
  JsonArray *link;

  g_assert_cmpstr (lk_provenance_get_positive (provenance), ==,
                   "1girl, standing, full body, simple background");
  g_assert_nonnull (strstr (lk_provenance_get_negative (provenance), "lowres"));

  /* The primitive now gets its text from a node that computes it: name the node. */
  node = json_object_new ();
  json_object_set_string_member (node, "class_type", "StringFromWebService");
  json_object_set_object_member (node, "inputs", json_object_new ());
  json_object_set_object_member (json_node_get_object (root), "99", node);
  link = json_array_new ();
  json_array_add_string_element (link, "99");
  json_array_add_int_element (link, 0);
  inputs = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root),
                                                                         "20"), "inputs");
  json_object_set_array_member (inputs, "value", link);
  opaque = lk_workflow_new_from_node (root, &error);
  g_assert_no_error (error);
  opaque_path = write_frame ("from-opaque-node.png", opaque, NULL);
  unresolved = load_ok (opaque_path);
  g_assert_cmpstr (lk_provenance_get_positive (unresolved), ==, "from node #99");

  g_unlink (path);
  g_unlink (opaque_path);
}

static void
test_no_metadata_is_a_result (void)
{
  g_autofree char *path = write_frame ("plain.png", NULL, NULL);
  g_autoptr(LkProvenance) provenance = load_ok (path);
  g_autoptr(JsonNode) json = lk_provenance_to_json (provenance);
  guint width = 0;

  g_assert_false (lk_provenance_get_has_metadata (provenance));
  g_assert_nonnull (strstr (lk_provenance_get_summary (provenance), "no ComfyUI metadata"));
  g_assert_cmpuint (lk_provenance_get_n_loras (provenance), ==, 0);
  g_assert_true (lk_provenance_get_size (provenance, &width, NULL));
  g_assert_cmpuint (width, ==, 16);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json), "has_metadata"));
  g_unlink (path);
}

static void
test_corrupt_chunk_is_a_warning (void)
{
  g_autoptr(LkWorkflow) workflow = load_demo_template (0);
  g_autofree char *path = write_frame ("corrupt-chunk.png", workflow, JOB_TAG);
  g_autofree char *contents = NULL;
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *chunk;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  for (chunk = contents; chunk + 32 < contents + length; chunk++)
    if (memcmp (chunk, "tEXtprompt", strlen ("tEXtprompt") + 1) == 0)
      break;
  g_assert_true (chunk + 32 < contents + length);
  chunk[20] ^= 0x55;  /* inside the text: the chunk's CRC no longer matches */
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  provenance = load_ok (path);
  g_assert_false (lk_provenance_get_has_metadata (provenance));
  g_assert_nonnull (lk_provenance_get_warnings (provenance)[0]);
  /* The other chunk is intact and still leads to the job. */
  g_assert_cmpstr (lk_provenance_get_job_tag (provenance), ==, JOB_TAG);
  g_unlink (path);
}

static void
test_damaged_files_are_errors (void)
{
  g_autoptr(LkWorkflow) workflow = load_demo_template (0);
  g_autofree char *path = write_frame ("truncated.png", workflow, NULL);
  g_autofree char *empty = temp_path ("really-a-gif.png");
  g_autofree char *contents = NULL;
  g_autoptr(LkProvenance) truncated = NULL;
  g_autoptr(LkProvenance) nothing = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length / 2, &error);
  g_assert_no_error (error);
  truncated = load_path (path, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_TRUNCATED);
  g_assert_null (truncated);
  g_clear_error (&error);

  g_file_set_contents (empty, "GIF89a\x01\x00\x01\x00", 10, &error);
  g_assert_no_error (error);
  nothing = load_path (empty, &error);
  g_assert_error (error, LK_PNG_INFO_ERROR, LK_PNG_INFO_ERROR_NOT_PNG);
  g_assert_null (nothing);

  g_unlink (path);
  g_unlink (empty);
}

static void
test_malformed_job_tag_is_a_warning (void)
{
  g_autoptr(LkWorkflow) workflow = load_demo_template (0);
  g_autofree char *path = write_frame ("bad-tag.png", workflow, "../../etc/passwd");
  g_autoptr(LkProvenance) provenance = load_ok (path);

  g_assert_true (lk_provenance_get_has_metadata (provenance));
  g_assert_null (lk_provenance_get_job_tag (provenance));
  g_assert_nonnull (lk_provenance_get_warnings (provenance)[0]);
  g_unlink (path);
}

/* The wrong-LoRA check ------------------------------------------------------------------- */

static LkProvenance *
frame_with_loras (const char * const *loras)
{
  g_autoptr(LkWorkflow) workflow = load_demo_template (0);
  g_autofree char *node = first_of (workflow, LK_WORKFLOW_ROLE_CHARACTER_LORA);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LkProvenance *provenance;

  if (loras[0] == NULL)
    lk_workflow_bypass_lora (workflow, node, &error);
  else
    lk_workflow_set_lora (workflow, node, loras[0], 0.8, 0.8, &error);
  g_assert_no_error (error);
  for (guint i = 1; loras[0] != NULL && loras[i] != NULL; i++)
    {
      g_autofree char *added = lk_workflow_add_lora (workflow, loras[i], 0.5, 0.5, &error);

      g_assert_no_error (error);
      g_assert_nonnull (added);
    }
  path = write_frame ("check.png", workflow, NULL);
  provenance = load_ok (path);
  g_unlink (path);
  return provenance;
}

static GHashTable *
demo_owners (void)
{
  GHashTable *owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (owners, lk_lora_name_key (MEI_LORA), g_strdup ("Mei Kobayashi"));
  g_hash_table_insert (owners, lk_lora_name_key ("yuki_v3.safetensors"), g_strdup ("Yuki Tanaka"));
  return owners;
}

static void
test_check_other_characters_lora (void)
{
  const char *loras[] = { "loras\\Mei_Working_V1.safetensors", NULL };
  g_autoptr(LkProvenance) provenance = frame_with_loras (loras);
  g_autoptr(GHashTable) owners = demo_owners ();
  g_autofree char *message = NULL;
  LkLoraVerdict verdict;

  verdict = lk_provenance_check_lora (provenance, "Rina Suzuki", NULL, owners, &message);
  g_assert_cmpint (verdict, ==, LK_LORA_VERDICT_OTHER_CHARACTER);
  g_assert_cmpstr (message, ==, "This frame was made with Mei_Working_V1.safetensors, which is "
                                "Mei Kobayashi’s LoRA, but it is filed under Rina Suzuki.");
  g_assert_cmpstr (lk_lora_verdict_to_string (verdict), ==, "other-character");
}

static void
test_check_own_lora_is_fine (void)
{
  const char *loras[] = { "/srv/comfy/models/loras/MEI_working_v1.safetensors",
                          "flat_color_style.safetensors", NULL };
  const char *mei_loras[] = { MEI_LORA, NULL };
  g_autoptr(LkProvenance) provenance = frame_with_loras (loras);
  g_autoptr(GHashTable) owners = demo_owners ();
  g_autofree char *message = NULL;

  /* A style LoRA next to the character's own is fine. */
  g_assert_cmpint (lk_provenance_check_lora (provenance, "Mei Kobayashi", mei_loras, owners,
                                             &message), ==, LK_LORA_VERDICT_OK);
  g_assert_null (message);
}

static void
test_check_missing_and_unexpected_lora (void)
{
  const char *none[] = { NULL };
  const char *style[] = { "flat_color_style.safetensors", NULL };
  const char *mei_loras[] = { MEI_LORA, NULL };
  g_autoptr(LkProvenance) base_only = frame_with_loras (none);
  g_autoptr(LkProvenance) styled = frame_with_loras (style);
  g_autoptr(GHashTable) owners = demo_owners ();
  g_autofree char *missing = NULL;
  g_autofree char *unexpected = NULL;
  g_autofree char *wrong = NULL;

  g_assert_cmpint (lk_provenance_check_lora (base_only, "Mei Kobayashi", mei_loras, owners,
                                             &missing), ==, LK_LORA_VERDICT_MISSING_LORA);
  g_assert_cmpstr (missing, ==, "This frame was made without a LoRA, but Mei Kobayashi’s LoRA is "
                                MEI_LORA ".");
  g_assert_cmpint (lk_provenance_check_lora (styled, "Rina Suzuki", none, owners, &unexpected),
                   ==, LK_LORA_VERDICT_UNEXPECTED_LORA);
  g_assert_nonnull (strstr (unexpected, "Rina Suzuki has no LoRA"));
  g_assert_cmpint (lk_provenance_check_lora (styled, "Mei Kobayashi", mei_loras, owners, &wrong),
                   ==, LK_LORA_VERDICT_MISSING_LORA);
  g_assert_cmpint (lk_provenance_check_lora (base_only, "Rina Suzuki", none, owners, NULL), ==,
                   LK_LORA_VERDICT_OK);
}

static void
test_check_without_metadata (void)
{
  g_autofree char *path = write_frame ("no-meta-check.png", NULL, NULL);
  g_autoptr(LkProvenance) provenance = load_ok (path);
  g_autofree char *message = NULL;

  g_assert_cmpint (lk_provenance_check_lora (provenance, "Rina Suzuki", NULL, NULL, &message), ==,
                   LK_LORA_VERDICT_UNKNOWN);
  g_assert_nonnull (message);
  g_unlink (path);
}

static void
test_lora_names_compare (void)
{
  g_assert_true (lk_lora_name_equal ("Chars\\MEI_working_v1.safetensors", MEI_LORA));
  g_assert_true (lk_lora_name_equal ("/a/b/mei_working_v1.safetensors", "x/" MEI_LORA));
  g_assert_false (lk_lora_name_equal ("mei_working_v2.safetensors", MEI_LORA));
  g_assert_false (lk_lora_name_equal ("loras/", "loras/"));
  g_assert_false (lk_lora_name_equal (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/provenance/png/injected-lora-read-back", test_injected_lora_read_back);
  g_test_add_func ("/provenance/video/bypassed-lora-from-first-frame",
                   test_bypassed_lora_video_first_frame);
  g_test_add_func ("/provenance/video/missing-first-frame-is-no-metadata",
                   test_video_without_first_frame);
  g_test_add_func ("/provenance/png/two-loras-in-chain-order", test_two_loras_in_chain_order);
  g_test_add_func ("/provenance/png/model-only-lora", test_model_only_lora);
  g_test_add_func ("/provenance/png/prompt-fed-by-link", test_prompt_fed_by_link);
  g_test_add_func ("/provenance/png/no-metadata-is-a-result", test_no_metadata_is_a_result);
  g_test_add_func ("/provenance/png/corrupt-chunk-is-a-warning", test_corrupt_chunk_is_a_warning);
  g_test_add_func ("/provenance/png/damaged-file-is-an-error", test_damaged_files_are_errors);
  g_test_add_func ("/provenance/png/malformed-job-tag-is-a-warning",
                   test_malformed_job_tag_is_a_warning);
  g_test_add_func ("/provenance/check/other-characters-lora-warns",
                   test_check_other_characters_lora);
  g_test_add_func ("/provenance/check/own-lora-with-style-lora-is-fine",
                   test_check_own_lora_is_fine);
  g_test_add_func ("/provenance/check/missing-or-unexpected-lora-warns",
                   test_check_missing_and_unexpected_lora);
  g_test_add_func ("/provenance/check/no-metadata-is-unknown", test_check_without_metadata);
  g_test_add_func ("/provenance/check/names-ignore-case-and-folders", test_lora_names_compare);

  return g_test_run ();
}
