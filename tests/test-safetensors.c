/* test-safetensors.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lk-base-model.h"
#include "lk-file-hash.h"
#include "lk-safetensors.h"

/* Given by meson as arguments: the generator and the demo LoRA it made at build time. */
static char *make_lora_path;
static char *demo_lora_path;

/* A safetensors file in memory: the length field, @header, and @data_len zero bytes. */
static GBytes *
make_blob (const char *header,
           gsize       data_len)
{
  gsize header_len = strlen (header);
  guint64 le = GUINT64_TO_LE ((guint64)header_len);
  guint8 *blob = g_malloc0 (8 + header_len + data_len);

  memcpy (blob, &le, 8);
  memcpy (blob + 8, header, header_len);

  return g_bytes_new_take (blob, 8 + header_len + data_len);
}

static LkSafetensors *
parse_blob (GBytes  *blob,
            GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (blob, &size);

  return lk_safetensors_parse_header (data, size, size, error);
}

static void
assert_parse_error (const char *header,
                    gsize       data_len,
                    int         code)
{
  g_autoptr(GBytes) blob = make_blob (header, data_len);
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;

  st = parse_blob (blob, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, code);
  g_assert_null (st);
  /* Messages are for artists: one sentence naming the file, never empty. */
  g_assert_true (g_str_has_prefix (error->message, "This LoRA file"));
}

static char *
run_make_lora (const char * const *extra_args,
               const char         *file_name)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), file_name, NULL);
  int status = 0;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);

  g_ptr_array_add (argv, (gpointer)make_lora_path);
  for (guint i = 0; extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)extra_args[i]);
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return path;
}

static gboolean
need_generator (void)
{
  if (make_lora_path == NULL || demo_lora_path == NULL)
    {
      g_test_skip ("run through meson: the generator and demo LoRA are passed as arguments");
      return FALSE;
    }
  return TRUE;
}

static void
test_demo_lora_has_kohya_metadata (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_auto(GStrv) triggers = NULL;
  const LkTagCount *tag;
  guint width, height;

  if (!need_generator ())
    return;

  file = g_file_new_for_path (demo_lora_path);
  st = lk_safetensors_load (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (lk_safetensors_get_n_tensors (st), ==, 9);
  g_assert_cmpuint (lk_safetensors_get_header_length (st) % 8, ==, 0);
  g_assert_cmpstr (lk_safetensors_get_output_name (st), ==, "mei_working_v1");
  g_assert_cmpstr (lk_safetensors_get_base_model (st), ==, "sd_v1");
  g_assert_cmpstr (lk_safetensors_get_base_model_family (st), ==, LK_BASE_MODEL_FAMILY_SD15);
  g_assert_cmpuint (lk_safetensors_get_network_dim (st), ==, 32);
  g_assert_cmpfloat (lk_safetensors_get_network_alpha (st), ==, 16.0);
  g_assert_true (lk_safetensors_get_resolution (st, &width, &height));
  g_assert_cmpuint (width, ==, 512);
  g_assert_cmpuint (height, ==, 512);
  g_assert_cmpuint (lk_safetensors_get_num_epochs (st), ==, 10);
  g_assert_cmpuint (lk_safetensors_get_epoch (st), ==, 10);
  g_assert_cmpuint (lk_safetensors_get_steps (st), ==, 2000);
  g_assert_cmpstr (lk_safetensors_get_session_id (st), ==, "1767225600");
  g_assert_cmpint (lk_safetensors_get_training_started_at (st), ==, 1767225600);
  started = lk_safetensors_dup_training_started (st);
  g_assert_cmpint (g_date_time_get_year (started), ==, 2026);

  /* The trigger phrase first, then tags by count, "1girl" before "mei kobayashi" on a tie. */
  triggers = lk_safetensors_dup_suggested_triggers (st, 4);
  g_assert_cmpuint (g_strv_length (triggers), ==, 4);
  g_assert_cmpstr (triggers[0], ==, "mei kobayashi");
  g_assert_cmpstr (triggers[1], ==, "1girl");
  g_assert_cmpstr (triggers[2], ==, "black hair");
  g_assert_cmpstr (triggers[3], ==, "office lady");

  tags = lk_safetensors_dup_top_tags (st, 0);
  g_assert_cmpuint (tags->len, ==, 10);
  tag = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tag->tag, ==, "1girl");
  g_assert_cmpuint (tag->count, ==, 40);
  tag = g_ptr_array_index (tags, 9);
  g_assert_cmpstr (tag->tag, ==, "ponytail");
}

static void
test_generated_sdxl_lora (void)
{
  const char * const args[] = { "--output-name", "rin_v3", "--base-model", "sdxl_base_v1-0",
                                "--dim", "4", "--alpha", "2.5", "--resolution", "1024",
                                "--metadata", "ss_network_dim=None", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) triggers = NULL;
  guint width, height;

  if (!need_generator ())
    return;

  path = run_make_lora (args, "rin_v3.safetensors");
  file = g_file_new_for_path (path);
  st = lk_safetensors_load (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (lk_safetensors_get_base_model_family (st), ==, LK_BASE_MODEL_FAMILY_SDXL);
  /* "None" is what kohya writes for an unknown dim: the rank comes from the tensors. */
  g_assert_cmpstr (lk_safetensors_get_metadata_value (st, "ss_network_dim"), ==, "None");
  g_assert_cmpuint (lk_safetensors_get_network_dim (st), ==, 4);
  g_assert_cmpfloat (lk_safetensors_get_network_alpha (st), ==, 2.5);
  g_assert_true (lk_safetensors_get_resolution (st, &width, &height));
  g_assert_cmpuint (width, ==, 1024);
  g_assert_cmpuint (height, ==, 1024);
  g_assert_cmpuint (lk_safetensors_get_num_epochs (st), ==, 0);
  g_assert_cmpint (lk_safetensors_get_training_started_at (st), ==, -1);
  g_assert_null (lk_safetensors_dup_training_started (st));
  triggers = lk_safetensors_dup_suggested_triggers (st, 0);
  g_assert_cmpuint (g_strv_length (triggers), ==, 0);
}

static void
test_truncated_file_is_reported (void)
{
  g_autoptr(GFile) copy = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;

  if (!need_generator ())
    return;

  /* An interrupted copy: the header is whole, the tensor data is not. */
  g_file_get_contents (demo_lora_path, &contents, &length, &error);
  g_assert_no_error (error);
  path = g_build_filename (g_get_tmp_dir (), "mei.safetensors", NULL);
  g_file_set_contents (path, contents, length / 2, &error);
  g_assert_no_error (error);

  copy = g_file_new_for_path (path);
  st = lk_safetensors_load (copy, NULL, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED);
  g_assert_true (g_str_has_prefix (error->message, "mei.safetensors is truncated"));
  g_assert_null (st);
  g_clear_error (&error);

  /* Cut inside the header. */
  g_file_set_contents (path, contents, 1024, &error);
  g_assert_no_error (error);
  st = lk_safetensors_load (copy, NULL, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "but the file has 1024"));
  g_clear_error (&error);

  g_unlink (path);
}

static void
test_length_beyond_file (void)
{
  guint8 data[8 + 16] = { 0 };
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  guint64 le = GUINT64_TO_LE (123456 - 8);

  memcpy (data, &le, 8);
  memcpy (data + 8, "{\"a\":1}", 7);

  st = lk_safetensors_parse_header (data, sizeof data, 1024, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED);
  g_assert_cmpstr (error->message, ==,
                   "This LoRA file is truncated: the header says 123456 bytes but the file has "
                   "1024. Copy the file again.");
  g_clear_error (&error);

  /* Too short for the length field, and empty. */
  st = lk_safetensors_parse_header (data, 5, 5, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED);
  g_clear_error (&error);
  st = lk_safetensors_parse_header (NULL, 0, 0, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_TRUNCATED);
  g_assert_null (st);
}

static void
test_header_over_100mb_refused (void)
{
  guint8 data[8];
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  guint64 le = GUINT64_TO_LE ((guint64)LK_SAFETENSORS_MAX_HEADER_LENGTH + 1);

  memcpy (data, &le, 8);

  /* Refused from the length field alone, even when the file is big enough. */
  st = lk_safetensors_parse_header (data, sizeof data, G_GUINT64_CONSTANT (1) << 40, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_HEADER_TOO_LARGE);
  g_assert_null (st);
  g_clear_error (&error);

  le = G_MAXUINT64;
  memcpy (data, &le, 8);
  path = g_build_filename (g_get_tmp_dir (), "huge-header.safetensors", NULL);
  g_file_set_contents (path, (const char *)data, sizeof data, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  st = lk_safetensors_load (file, NULL, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_HEADER_TOO_LARGE);
  g_unlink (path);
}

static void
test_invalid_headers_refused (void)
{
  assert_parse_error ("{\"a\": ", 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
  assert_parse_error ("{\"a\": 1} trailing", 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
  assert_parse_error ("[1, 2, 3]", 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
  assert_parse_error ("\"just a string\"", 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
  assert_parse_error ("", 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
  assert_parse_error ("{\"\xff\xfe\": 1}", 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
  assert_parse_error ("{\"__metadata__\": [\"a\"]}", 0, LK_SAFETENSORS_ERROR_INVALID_METADATA);
  assert_parse_error ("{\"__metadata__\": \"x\"}", 0, LK_SAFETENSORS_ERROR_INVALID_METADATA);
}

static void
test_deep_nesting_refused (void)
{
  g_autoptr(GString) header = g_string_new ("{\"a\":");

  /* json-glib recurses per level; this must be refused before it gets there. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (header, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (header, ']');
  g_string_append_c (header, '}');

  assert_parse_error (header->str, 0, LK_SAFETENSORS_ERROR_INVALID_HEADER);
}

static void
test_non_string_metadata_ignored (void)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *metadata;
  JsonObject *reparsed;

  blob = make_blob ("{\"__metadata__\": {\"ss_output_name\": \"mei\", \"ss_epoch\": 3, "
                    "\"nested\": {\"a\": \"b\"}, \"list\": [1], \"null\": null, "
                    "\"ss_tag_frequency\": {\"not\": \"a string\"}, \"quote\": \"a\\\"b\\u00e9\"}}",
                    0);
  st = parse_blob (blob, &error);
  g_assert_no_error (error);

  metadata = lk_safetensors_get_metadata (st);
  g_assert_cmpuint (json_object_get_size (metadata), ==, 2);
  g_assert_cmpstr (lk_safetensors_get_metadata_value (st, "ss_output_name"), ==, "mei");
  g_assert_null (lk_safetensors_get_metadata_value (st, "ss_epoch"));
  g_assert_cmpuint (lk_safetensors_get_epoch (st), ==, 0);
  g_assert_cmpuint (lk_safetensors_get_n_tensors (st), ==, 0);

  /* What goes to the jsonb column parses back to the same strings. */
  json = lk_safetensors_metadata_to_json (st);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  reparsed = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (reparsed), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (reparsed, "quote"), ==, "a\"bé");
}

static void
test_lone_surrogates_repaired (void)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *json = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  /* Valid JSON, but json-glib decodes a lone surrogate into bytes that are not UTF-8; what
   * Lorakeet keeps (and writes to jsonb) must be UTF-8. (json-glib 1.6 also mis-scans a lone
   * surrogate right before the closing quote, hence the "x".) */
  blob = make_blob ("{\"__metadata__\": {\"k\\ud800x\": \"v\\udbff!\", "
                    "\"ss_tag_frequency\": \"{\\\"d\\\": {\\\"t\\\\ud800x\\\": 2}}\"}, "
                    "\"w\\ud800x\": {\"dtype\": \"F32\", \"shape\": [9], \"data_offsets\": [0, 4]}}",
                    4);
  st = parse_blob (blob, &error);
  g_assert_error (error, LK_SAFETENSORS_ERROR, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (st);
  g_clear_error (&error);
  g_clear_pointer (&blob, g_bytes_unref);

  blob = make_blob ("{\"__metadata__\": {\"k\\ud800x\": \"v\\udbff!\", "
                    "\"ss_tag_frequency\": \"{\\\"d\\\": {\\\"t\\\\ud800x\\\": 2}}\"}}", 0);
  st = parse_blob (blob, &error);
  g_assert_no_error (error);

  json_object_iter_init (&iter, lk_safetensors_get_metadata (st));
  while (json_object_iter_next (&iter, &key, &value))
    {
      g_assert_true (g_utf8_validate (key, -1, NULL));
      g_assert_true (g_utf8_validate (json_node_get_string (value), -1, NULL));
    }
  json = lk_safetensors_metadata_to_json (st);
  g_assert_true (g_utf8_validate (json, -1, NULL));

  tags = lk_safetensors_dup_top_tags (st, 0);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_true (g_utf8_validate (((LkTagCount *)g_ptr_array_index (tags, 0))->tag, -1, NULL));
  g_clear_object (&st);
  g_clear_pointer (&blob, g_bytes_unref);

  /* Found by fuzzing: json-glib also takes a backslash and octal digits as a raw byte. */
  blob = make_blob ("{\"__metadata__\": {\"ss_output_name\": \"mei\\2512\"}}", 0);
  st = parse_blob (blob, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (lk_safetensors_get_output_name (st), -1, NULL));
}

static void
test_stored_fixtures (void)
{
  static const struct { const char *name; const char *family; guint dim; guint n_tensors; } fixtures[] = {
    { "kohya-sd15-tiny.safetensors", "sd15", 1, 9 },
    { "kohya-sdxl-tiny.safetensors", "sdxl", 1, 9 },
    { "metadata-only.safetensors", "flux", 0, 0 },
    { "diffusers-peft.safetensors", NULL, 2, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "safetensors",
                                                     fixtures[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(LkSafetensors) st = NULL;
      g_autoptr(GError) error = NULL;

      st = lk_safetensors_load (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lk_safetensors_get_base_model_family (st), ==, fixtures[i].family);
      g_assert_cmpuint (lk_safetensors_get_network_dim (st), ==, fixtures[i].dim);
      g_assert_cmpuint (lk_safetensors_get_n_tensors (st), ==, fixtures[i].n_tensors);
    }
}

static void
test_no_metadata_is_empty (void)
{
  g_autoptr(GBytes) blob = make_blob ("{\"w\": {\"dtype\": \"F32\", \"shape\": [2], "
                                      "\"data_offsets\": [0, 8]}}   ", 8);
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) triggers = NULL;

  st = parse_blob (blob, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_safetensors_get_n_tensors (st), ==, 1);
  g_assert_null (lk_safetensors_get_output_name (st));
  g_assert_null (lk_safetensors_get_base_model (st));
  g_assert_null (lk_safetensors_get_base_model_family (st));
  g_assert_false (lk_safetensors_get_resolution (st, NULL, NULL));
  json = lk_safetensors_metadata_to_json (st);
  g_assert_cmpstr (json, ==, "{}");
  triggers = lk_safetensors_dup_suggested_triggers (st, 5);
  g_assert_nonnull (triggers);
  g_assert_null (triggers[0]);
}

static void
test_tensor_offsets_checked (void)
{
  /* Past the end of the data: the file was cut. */
  assert_parse_error ("{\"w\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [0, 16]}}",
                      8, LK_SAFETENSORS_ERROR_TRUNCATED);
  assert_parse_error ("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], "
                      "\"data_offsets\": [18446744073709551610, 18446744073709551614]}}",
                      8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  /* Malformed entries. */
  assert_parse_error ("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}}",
                      8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  assert_parse_error ("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [-4, 0]}}",
                      8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  assert_parse_error ("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0]}}",
                      8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  assert_parse_error ("{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 8,
                      LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  assert_parse_error ("{\"w\": 12}", 8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  /* The byte count must match dtype × shape. */
  assert_parse_error ("{\"w\": {\"dtype\": \"F16\", \"shape\": [3], \"data_offsets\": [0, 8]}}",
                      8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
  assert_parse_error ("{\"w\": {\"dtype\": \"F16\", \"shape\": [4294967296, 4294967296, 16], "
                      "\"data_offsets\": [0, 8]}}", 8, LK_SAFETENSORS_ERROR_INVALID_TENSOR);
}

static void
test_unknown_dtype_accepted (void)
{
  g_autoptr(GBytes) blob = make_blob ("{\"w\": {\"dtype\": \"F4_E2M1\", \"shape\": [16], "
                                      "\"data_offsets\": [0, 8]}}", 8);
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;

  st = parse_blob (blob, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_safetensors_get_n_tensors (st), ==, 1);
}

static void
test_suggested_triggers_order (void)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_auto(GStrv) triggers = NULL;
  g_auto(GStrv) all = NULL;

  /* Two datasets: counts add up per tag; ties sort by name; odd entries are skipped. */
  blob = make_blob ("{\"__metadata__\": {"
                    "\"modelspec.trigger_phrase\": \" yuki \", "
                    "\"ss_tag_frequency\": \"{\\\"5_yuki\\\": {\\\"yuki\\\": 3, \\\"smile\\\": 7,"
                    " \\\" blue eyes\\\": 5, \\\"\\\": 9, \\\"bad\\\": \\\"x\\\", \\\"neg\\\": -2},"
                    " \\\"3_yuki casual\\\": {\\\"blue eyes\\\": 2, \\\"yuki\\\": 4, \\\"hat\\\": 7},"
                    " \\\"broken\\\": 4}\"}}", 0);
  st = parse_blob (blob, &error);
  g_assert_no_error (error);

  top = lk_safetensors_dup_top_tags (st, 0);
  g_assert_cmpuint (top->len, ==, 4);
  g_assert_cmpstr (((LkTagCount *)g_ptr_array_index (top, 0))->tag, ==, "blue eyes");
  g_assert_cmpuint (((LkTagCount *)g_ptr_array_index (top, 0))->count, ==, 7);
  g_assert_cmpstr (((LkTagCount *)g_ptr_array_index (top, 1))->tag, ==, "hat");
  g_assert_cmpstr (((LkTagCount *)g_ptr_array_index (top, 2))->tag, ==, "smile");
  g_assert_cmpstr (((LkTagCount *)g_ptr_array_index (top, 3))->tag, ==, "yuki");
  g_assert_cmpuint (((LkTagCount *)g_ptr_array_index (top, 3))->count, ==, 7);

  /* The trigger phrase leads, and is not repeated when it is also a tag. */
  triggers = lk_safetensors_dup_suggested_triggers (st, 3);
  g_assert_cmpuint (g_strv_length (triggers), ==, 3);
  g_assert_cmpstr (triggers[0], ==, "yuki");
  g_assert_cmpstr (triggers[1], ==, "blue eyes");
  g_assert_cmpstr (triggers[2], ==, "hat");

  all = lk_safetensors_dup_suggested_triggers (st, 0);
  g_assert_cmpuint (g_strv_length (all), ==, 4);
  g_assert_cmpstr (all[3], ==, "smile");
}

static void
test_broken_tag_frequency_ignored (void)
{
  const char *headers[] = {
    "{\"__metadata__\": {\"ss_tag_frequency\": \"not json\"}}",
    "{\"__metadata__\": {\"ss_tag_frequency\": \"[1, 2]\"}}",
    ("{\"__metadata__\": {\"ss_tag_frequency\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}}"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GBytes) blob = make_blob (headers[i], 0);
      g_autoptr(LkSafetensors) st = NULL;
      g_autoptr(GPtrArray) top = NULL;
      g_autoptr(GError) error = NULL;

      st = parse_blob (blob, &error);
      g_assert_no_error (error);
      top = lk_safetensors_dup_top_tags (st, 10);
      g_assert_cmpuint (top->len, ==, 0);
    }
}

static void
test_lenient_typed_values (void)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  guint width = 1, height = 1;

  blob = make_blob ("{\"__metadata__\": {\"ss_network_dim\": \" 16.0 \", "
                    "\"ss_network_alpha\": \"0.5\", \"ss_resolution\": \"[768, 512]\", "
                    "\"ss_num_epochs\": \"-3\", \"ss_epoch\": \"2.5\", \"ss_steps\": \"1e3\", "
                    "\"ss_training_started_at\": \"1e300\", "
                    "\"modelspec.architecture\": \"flux-1-dev/lora\", "
                    "\"modelspec.title\": \"Rin\"}}", 0);
  st = parse_blob (blob, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (lk_safetensors_get_network_dim (st), ==, 16);
  g_assert_cmpfloat (lk_safetensors_get_network_alpha (st), ==, 0.5);
  g_assert_true (lk_safetensors_get_resolution (st, &width, &height));
  g_assert_cmpuint (width, ==, 768);
  g_assert_cmpuint (height, ==, 512);
  g_assert_cmpuint (lk_safetensors_get_num_epochs (st), ==, 0);
  g_assert_cmpuint (lk_safetensors_get_epoch (st), ==, 0);
  g_assert_cmpuint (lk_safetensors_get_steps (st), ==, 1000);
  g_assert_cmpint (lk_safetensors_get_training_started_at (st), ==, -1);
  g_assert_cmpstr (lk_safetensors_get_output_name (st), ==, "Rin");
  g_assert_cmpstr (lk_safetensors_get_base_model (st), ==, "flux-1-dev/lora");
  g_assert_cmpstr (lk_safetensors_get_base_model_family (st), ==, LK_BASE_MODEL_FAMILY_FLUX);
}

static void
test_base_model_family_table (void)
{
  static const struct { const char *text; const char *family; } table[] = {
    /* kohya ss_base_model_version */
    { "sd_v1", "sd15" }, { "sd_v1_v", "sd15" }, { "sd_v2", "sd2" }, { "sd_v2_v", "sd2" },
    { "sdxl_base_v1-0", "sdxl" }, { "sd3", "sd3" }, { "sd3m", "sd3" }, { "flux1", "flux" },
    { "flux2", NULL }, { "chroma", "flux" },
    /* modelspec.architecture */
    { "stable-diffusion-v1/lora", "sd15" }, { "stable-diffusion-v1", "sd15" },
    { "stable-diffusion-v2-512/lora", "sd2" }, { "stable-diffusion-v2-768-v", "sd2" },
    { "stable-diffusion-xl-v1-base/lora", "sdxl" }, { "stable-diffusion-xl-v1-refiner", "sdxl" },
    { "stable-diffusion-3-m/lora", "sd3" }, { "stable-diffusion-3-5-large/lora", "sd3" },
    { "flux-1-dev/lora", "flux" }, { "flux-1-schnell/lora", "flux" }, { "flux-1", "flux" },
    { "lumina-2/lora", NULL },
    /* checkpoint file names */
    { "sd_xl_base_1.0.safetensors", "sdxl" }, { "sd_xl_refiner_1.0.safetensors", "sdxl" },
    { "v1-5-pruned-emaonly.safetensors", "sd15" }, { "v1-5-pruned.ckpt", "sd15" },
    { "sd-v1-4.ckpt", "sd15" }, { "v2-1_768-ema-pruned.safetensors", "sd2" },
    { "v2-1_512-ema-pruned.ckpt", "sd2" }, { "768-v-ema.ckpt", "sd2" },
    { "animagine-xl-3.1.safetensors", "sdxl" }, { "ponyDiffusionV6XL_v6StartWithThisOne", "sdxl" },
    { "illustriousXL_v01.safetensors", "sdxl" }, { "noobaiXLNAIXL_vPred10Version", "sdxl" },
    { "NoobAI-XL-v1.1.safetensors", "sdxl" }, { "kohakuXLEpsilon_rev1", "sdxl" },
    { "juggernautXL_v9Rdphoto2Lightning", "sdxl" }, { "RealVisXL_V4.0.safetensors", "sdxl" },
    { "SDXL_Lightning_4step", "sdxl" }, { "sd_xl_turbo_1.0_fp16", "sdxl" },
    { "flux1-dev.safetensors", "flux" }, { "flux1-schnell-fp8.safetensors", "flux" },
    { "FLUX.1-dev", "flux" }, { "flux2-dev.safetensors", NULL }, { "FLUX.2-dev", NULL },
    { "sd3_medium_incl_clips_t5xxlfp8.safetensors", "sd3" }, { "sd3.5_large.safetensors", "sd3" },
    { "SD1.5/mei.safetensors", "sd15" },
    { "/models/checkpoints/sdxl/some-merge.safetensors", "sdxl" },
    { "C:\\models\\sd15\\anything.safetensors", "sd15" },
    /* nothing to tell */
    { "anything-v5.safetensors", NULL }, { "dreamshaper_8", NULL }, { "model", NULL },
    { "", NULL }, { NULL, NULL }, { "\xff\xfe", NULL }, { "lora", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      const char *family = lk_base_model_family_from_string (table[i].text);

      if (g_strcmp0 (family, table[i].family) != 0)
        g_error ("“%s” gave %s, expected %s", table[i].text, family, table[i].family);
    }
}

static void
test_base_model_display_names (void)
{
  g_assert_cmpstr (lk_base_model_family_get_display_name ("sdxl"), ==, "SDXL");
  g_assert_cmpstr (lk_base_model_family_get_display_name ("sd15"), ==, "SD 1.5");
  g_assert_cmpstr (lk_base_model_family_get_display_name ("sd2"), ==, "SD 2");
  g_assert_cmpstr (lk_base_model_family_get_display_name ("sd3"), ==, "SD 3");
  g_assert_cmpstr (lk_base_model_family_get_display_name ("flux"), ==, "FLUX");
  g_assert_null (lk_base_model_family_get_display_name ("SDXL"));
  g_assert_null (lk_base_model_family_get_display_name (NULL));
}

/* Async helpers: iterate the main context until the callback ran, failing after 30 s. */

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for an async operation");
  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  guint timeout_id = g_timeout_add_seconds (30, timeout_cb, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  return *slot;
}

static void
test_load_async_and_cancel (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(LkSafetensors) st = NULL;
  g_autoptr(LkSafetensors) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!need_generator ())
    return;

  file = g_file_new_for_path (demo_lora_path);
  lk_safetensors_load_async (file, NULL, store_result_cb, &result);
  st = lk_safetensors_load_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_safetensors_get_output_name (st), ==, "mei_working_v1");

  g_file_get_contents (demo_lora_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_safetensors_get_file_size (st), ==, length);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *)contents, length);
  hex = lk_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex, ==, expected);

  g_cancellable_cancel (cancellable);
  lk_safetensors_load_async (file, cancellable, store_result_cb, &cancelled_result);
  none = lk_safetensors_load_finish (wait_for_result (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc >= 3)
    {
      /* Meson gives them relative to the build directory, the test's working directory. */
      make_lora_path = g_canonicalize_filename (argv[1], NULL);
      demo_lora_path = g_canonicalize_filename (argv[2], NULL);
    }

  g_test_add_func ("/safetensors/load/demo-lora-has-kohya-metadata", test_demo_lora_has_kohya_metadata);
  g_test_add_func ("/safetensors/load/generated-sdxl-lora", test_generated_sdxl_lora);
  g_test_add_func ("/safetensors/load/truncated-file-is-reported", test_truncated_file_is_reported);
  g_test_add_func ("/safetensors/load/async-and-cancel", test_load_async_and_cancel);
  g_test_add_func ("/safetensors/parse/length-beyond-file", test_length_beyond_file);
  g_test_add_func ("/safetensors/parse/header-over-100mb-refused", test_header_over_100mb_refused);
  g_test_add_func ("/safetensors/parse/invalid-headers-refused", test_invalid_headers_refused);
  g_test_add_func ("/safetensors/parse/deep-nesting-refused", test_deep_nesting_refused);
  g_test_add_func ("/safetensors/parse/non-string-metadata-ignored", test_non_string_metadata_ignored);
  g_test_add_func ("/safetensors/parse/no-metadata-is-empty", test_no_metadata_is_empty);
  g_test_add_func ("/safetensors/parse/lone-surrogates-repaired", test_lone_surrogates_repaired);
  g_test_add_func ("/safetensors/load/stored-fixtures", test_stored_fixtures);
  g_test_add_func ("/safetensors/parse/tensor-offsets-checked", test_tensor_offsets_checked);
  g_test_add_func ("/safetensors/parse/unknown-dtype-accepted", test_unknown_dtype_accepted);
  g_test_add_func ("/safetensors/metadata/suggested-triggers-order", test_suggested_triggers_order);
  g_test_add_func ("/safetensors/metadata/broken-tag-frequency-ignored", test_broken_tag_frequency_ignored);
  g_test_add_func ("/safetensors/metadata/lenient-typed-values", test_lenient_typed_values);
  g_test_add_func ("/base-model/family/mapping-table", test_base_model_family_table);
  g_test_add_func ("/base-model/family/display-names", test_base_model_display_names);

  return g_test_run ();
}
