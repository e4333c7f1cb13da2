/* test-comfy-messages.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading what a ComfyUI server says: its JSON, WebSocket messages, HTTP answers and
 * errors. No network here; shapes follow the protocol notes, including older and newer
 * servers'. */

#include "config.h"

#include <string.h>

#include "lk-comfy-error.h"
#include "lk-comfy-event.h"
#include "lk-comfy-json.h"
#include "lk-comfy-output.h"
#include "lk-comfy-reply.h"

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = lk_comfy_json_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "comfy", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);

  return parse_ok (text);
}

static LkComfyEvent *
event_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  LkComfyEvent *event = lk_comfy_event_parse_text (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void
test_json_big_integers_become_doubles (void)
{
  g_autoptr(JsonNode) root = load_fixture ("object-info.json");
  JsonObject *seed;
  JsonArray *spec;
  JsonNode *max;

  spec = json_node_get_array (json_object_get_member (
           lk_comfy_json_get_object (lk_comfy_json_get_object (lk_comfy_json_get_object (
             json_node_get_object (root), "KSampler"), "input"), "required"), "seed"));
  seed = json_node_get_object (json_array_get_element (spec, 1));
  max = json_object_get_member (seed, "max");

  /* json-glib alone would wrap 2^64-1 to -1 */
  g_assert_cmpint (json_node_get_value_type (max), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (max), >, 1.8e19);
  g_assert_cmpint (lk_comfy_json_get_int (seed, "min", -1), ==, 0);
  g_assert_cmpint (lk_comfy_json_get_int (seed, "default", -1), ==, 0);
}

static void
test_json_nan_and_infinity_become_null (void)
{
  g_autoptr(JsonNode) root = load_fixture ("object-info.json");
  JsonObject *denoise;

  denoise = json_node_get_object (json_array_get_element (json_node_get_array (
              json_object_get_member (lk_comfy_json_get_object (lk_comfy_json_get_object (
                lk_comfy_json_get_object (json_node_get_object (root), "KSampler"), "input"),
                "required"), "denoise")), 1));

  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (denoise, "nan_default")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (denoise, "inf")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (denoise, "ninf")));
  g_assert_cmpfloat (json_object_get_double_member (denoise, "max"), ==, 1.0);
}

static void
test_json_strings_are_left_alone (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  root = parse_ok ("{\"a\": \"NaN Infinity 18446744073709551615 \\\"NaN\\\"\", "
                   "\"b\": -9223372036854775808, \"c\": 9223372036854775807, "
                   "\"d\": \"\\ud83d\\ude00\", \"e\": -18446744073709551615}");
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "a"), ==,
                   "NaN Infinity 18446744073709551615 \"NaN\"");
  g_assert_cmpint (json_object_get_int_member (object, "b"), ==, G_MININT64);
  g_assert_cmpint (json_object_get_int_member (object, "c"), ==, G_MAXINT64);
  g_assert_cmpstr (json_object_get_string_member (object, "d"), ==, "😀");
  g_assert_cmpfloat (json_object_get_double_member (object, "e"), <, -1.8e19);
}

static void
test_json_nul_and_lone_surrogates_are_marked (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  root = parse_ok ("{\"nul\": \"evil\\u0000.png\", \"lone\": \"x\\udc80y\", \"high\": \"\\ud800\"}");
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "nul"), ==, "evil\xef\xbf\xbd.png");
  g_assert_cmpstr (json_object_get_string_member (object, "lone"), ==, "x\xef\xbf\xbdy");
  g_assert_cmpstr (json_object_get_string_member (object, "high"), ==, "\xef\xbf\xbd");
}

static void
test_json_garbage_is_an_error (void)
{
  /* The last ones have \u escapes cut short, which json-glib reads as lone surrogates (and
   * would quote in its message) instead of refusing them. */
  const char *bad[] = { "", "{", "{\"a\": }", "<html>500 Internal Server Error</html>",
                        "[\"\\ude{\"x\"]", "{\"type\": \"\\ud83d\\ude{\"queue\": 1, \"x\": \"y\"}",
                        "[\"\\u4\"x\"]", "[\"\\u", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = lk_comfy_json_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (node);
      g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* ---- WebSocket messages ------------------------------------------------------------- */

static void
test_event_status_first_frame (void)
{
  g_autoptr(LkComfyEvent) event = NULL;

  event = event_ok ("{\"type\": \"status\", \"data\": {\"status\": {\"exec_info\": "
                    "{\"queue_remaining\": 3}}, \"sid\": \"c1\", \"credential_key\": \"x\"}}");
  g_assert_cmpint (event->type, ==, LK_COMFY_EVENT_STATUS);
  g_assert_cmpint (event->queue_remaining, ==, 3);
  g_assert_cmpstr (event->sid, ==, "c1");
}

static void
test_event_keys_in_any_order_and_unknown_fields (void)
{
  g_autoptr(LkComfyEvent) event = NULL;

  event = event_ok ("{\"data\": {\"max\": 20.0, \"node\": 3, \"extra\": [1, {}], "
                    "\"prompt_id\": \"p1\", \"value\": 7}, \"type\": \"progress\", \"v\": 2}");
  g_assert_cmpint (event->type, ==, LK_COMFY_EVENT_PROGRESS);
  g_assert_cmpstr (event->prompt_id, ==, "p1");
  g_assert_cmpstr (event->node, ==, "3");
  g_assert_cmpfloat (event->value, ==, 7);
  g_assert_cmpfloat (event->max, ==, 20);
}

static void
test_event_executing_and_end_marker (void)
{
  g_autoptr(LkComfyEvent) node = NULL;
  g_autoptr(LkComfyEvent) end = NULL;
  g_autoptr(LkComfyEvent) reconnect = NULL;

  node = event_ok ("{\"type\": \"executing\", \"data\": {\"node\": \"12.0.0.5\", "
                   "\"display_node\": \"12\", \"prompt_id\": \"p1\"}}");
  g_assert_cmpstr (node->node, ==, "12.0.0.5");
  g_assert_cmpstr (node->display_node, ==, "12");
  g_assert_false (lk_comfy_event_is_end_marker (node));

  end = event_ok ("{\"type\": \"executing\", \"data\": {\"node\": null, \"prompt_id\": \"p1\"}}");
  g_assert_true (lk_comfy_event_is_end_marker (end));
  g_assert_cmpstr (end->prompt_id, ==, "p1");

  /* sent on connect to the socket whose prompt runs: no prompt id */
  reconnect = event_ok ("{\"type\": \"executing\", \"data\": {\"node\": \"57:12\"}}");
  g_assert_null (reconnect->prompt_id);
  g_assert_cmpstr (reconnect->node, ==, "57:12");
}

static void
test_event_cached_and_progress_state (void)
{
  g_autoptr(LkComfyEvent) cached = NULL;
  g_autoptr(LkComfyEvent) state = NULL;
  LkComfyNodeState *first;

  cached = event_ok ("{\"type\": \"execution_cached\", \"data\": {\"nodes\": [\"4\", 10, null], "
                     "\"prompt_id\": \"p1\", \"timestamp\": 1730000000001}}");
  g_assert_cmpint (cached->type, ==, LK_COMFY_EVENT_EXECUTION_CACHED);
  g_assert_cmpuint (g_strv_length (cached->nodes), ==, 2);
  g_assert_cmpstr (cached->nodes[1], ==, "10");
  g_assert_cmpint (cached->timestamp, ==, 1730000000001);

  state = event_ok ("{\"type\": \"progress_state\", \"data\": {\"prompt_id\": \"p1\", \"nodes\": "
                    "{\"3\": {\"value\": 5, \"max\": 20, \"state\": \"running\", \"node_id\": \"3\"},"
                    " \"4\": {\"value\": 1, \"max\": 1, \"state\": \"finished\"}}}}");
  g_assert_cmpuint (state->node_states->len, ==, 2);
  first = g_ptr_array_index (state->node_states, 0);
  g_assert_cmpstr (first->node, ==, "3");
  g_assert_false (first->finished);
  g_assert_true (((LkComfyNodeState *) g_ptr_array_index (state->node_states, 1))->finished);
}

static void
test_event_executed_images_videos_and_unknown (void)
{
  g_autoptr(LkComfyEvent) images = NULL;
  g_autoptr(LkComfyEvent) vhs = NULL;
  g_autoptr(LkComfyEvent) animated = NULL;
  g_autoptr(LkComfyEvent) cached = NULL;
  LkComfyOutput *output;

  images = event_ok ("{\"type\": \"executed\", \"data\": {\"node\": \"9\", \"display_node\": \"9\", "
                     "\"output\": {\"images\": [{\"filename\": \"ComfyUI_00001_.png\", "
                     "\"subfolder\": \"\", \"type\": \"output\"}], \"text\": [\"hi\"]}, "
                     "\"prompt_id\": \"p1\"}}");
  g_assert_cmpuint (images->outputs->len, ==, 1);
  output = g_ptr_array_index (images->outputs, 0);
  g_assert_cmpstr (lk_comfy_output_get_filename (output), ==, "ComfyUI_00001_.png");
  g_assert_cmpstr (lk_comfy_output_get_node_id (output), ==, "9");
  g_assert_cmpint (lk_comfy_output_get_kind (output), ==, LK_COMFY_OUTPUT_IMAGE);

  vhs = event_ok ("{\"type\": \"executed\", \"data\": {\"node\": \"102\", \"output\": {\"gifs\": "
                  "[{\"filename\": \"AnimateDiff_00004.mp4\", \"subfolder\": \"\", \"type\": "
                  "\"output\", \"format\": \"video/h264-mp4\", \"frame_rate\": 8.0, "
                  "\"workflow\": \"AnimateDiff_00004.png\", \"fullpath\": \"/srv/x.mp4\"}]}, "
                  "\"prompt_id\": \"p1\"}}");
  output = g_ptr_array_index (vhs->outputs, 0);
  g_assert_cmpint (lk_comfy_output_get_kind (output), ==, LK_COMFY_OUTPUT_VIDEO);
  g_assert_cmpstr (lk_comfy_output_get_format (output), ==, "video/h264-mp4");
  g_assert_cmpstr (lk_comfy_output_get_metadata_filename (output), ==, "AnimateDiff_00004.png");

  animated = event_ok ("{\"type\": \"executed\", \"data\": {\"node\": \"3\", \"output\": "
                       "{\"images\": [{\"filename\": \"v_00001_.webp\", \"subfolder\": \"video\", "
                       "\"type\": \"output\"}], \"animated\": [true]}, \"prompt_id\": \"p1\"}}");
  output = g_ptr_array_index (animated->outputs, 0);
  g_assert_cmpint (lk_comfy_output_get_kind (output), ==, LK_COMFY_OUTPUT_VIDEO);
  g_assert_cmpstr (lk_comfy_output_get_subfolder (output), ==, "video");

  cached = event_ok ("{\"type\": \"executed\", \"data\": {\"node\": \"4\", \"output\": null, "
                     "\"prompt_id\": \"p1\"}}");
  g_assert_cmpuint (cached->outputs->len, ==, 0);
}

static void
test_event_error_and_interrupt (void)
{
  g_autoptr(LkComfyEvent) error = NULL;
  g_autoptr(LkComfyEvent) interrupted = NULL;

  error = event_ok ("{\"type\": \"execution_error\", \"data\": {\"prompt_id\": \"p1\", "
                    "\"node_id\": \"3\", \"node_type\": \"KSampler\", \"executed\": [], "
                    "\"exception_message\": \"boom\", \"exception_type\": \"RuntimeError\", "
                    "\"traceback\": [\"  File a\\n\", \"  File b\\n\"], \"current_inputs\": {}, "
                    "\"current_outputs\": [], \"timestamp\": 5}}");
  g_assert_cmpint (error->type, ==, LK_COMFY_EVENT_EXECUTION_ERROR);
  g_assert_cmpstr (error->node, ==, "3");
  g_assert_cmpstr (error->node_type, ==, "KSampler");
  g_assert_cmpstr (error->exception_type, ==, "RuntimeError");
  g_assert_cmpstr (error->traceback, ==, "  File a\n  File b\n");

  interrupted = event_ok ("{\"type\": \"execution_interrupted\", \"data\": {\"prompt_id\": \"p1\", "
                          "\"node_id\": \"3\", \"node_type\": \"KSampler\", \"executed\": []}}");
  g_assert_cmpint (interrupted->type, ==, LK_COMFY_EVENT_EXECUTION_INTERRUPTED);
  g_assert_cmpstr (interrupted->node, ==, "3");
}

static void
test_event_unknown_types_and_bad_messages (void)
{
  g_autoptr(LkComfyEvent) logs = NULL;
  g_autoptr(LkComfyEvent) no_data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkComfyEvent) bad = NULL;

  logs = event_ok ("{\"type\": \"logs\", \"data\": {\"entries\": []}}");
  g_assert_cmpint (logs->type, ==, LK_COMFY_EVENT_UNKNOWN);
  g_assert_cmpstr (logs->type_name, ==, "logs");

  no_data = event_ok ("{\"type\": \"execution_success\"}");
  g_assert_cmpint (no_data->type, ==, LK_COMFY_EVENT_EXECUTION_SUCCESS);
  g_assert_null (no_data->prompt_id);

  bad = lk_comfy_event_parse_text ("[1, 2]", 6, &error);
  g_assert_null (bad);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE);
}

static GBytes *
binary_frame (guint32     type,
              guint32     second,
              const char *rest,
              gsize       rest_len)
{
  GByteArray *frame = g_byte_array_new ();
  guint32 be;

  be = GUINT32_TO_BE (type);
  g_byte_array_append (frame, (const guint8 *) &be, 4);
  be = GUINT32_TO_BE (second);
  g_byte_array_append (frame, (const guint8 *) &be, 4);
  g_byte_array_append (frame, (const guint8 *) rest, rest_len);

  return g_byte_array_free_to_bytes (frame);
}

static void
test_event_binary_previews (void)
{
  const char meta[] = "{\"node_id\": \"3\", \"prompt_id\": \"p9\", \"display_node_id\": \"3\", "
                      "\"image_type\": \"image/png\"}";
  g_autofree char *with_meta = g_strconcat (meta, "\x89PNG", NULL);
  g_autoptr(GBytes) jpeg = binary_frame (1, 1, "\xff\xd8\xff\xe0", 4);
  g_autoptr(GBytes) png = binary_frame (4, strlen (meta), with_meta, strlen (with_meta));
  g_autoptr(GBytes) text = binary_frame (3, 1, "9hello", 6);
  g_autoptr(LkComfyEvent) first = NULL;
  g_autoptr(LkComfyEvent) second = NULL;
  g_autoptr(LkComfyEvent) third = NULL;
  gsize len;

  first = lk_comfy_event_parse_binary (jpeg, NULL);
  g_assert_cmpint (first->type, ==, LK_COMFY_EVENT_PREVIEW);
  g_assert_cmpstr (first->image_mime, ==, "image/jpeg");
  g_assert_null (first->prompt_id);
  g_assert_cmpmem (g_bytes_get_data (first->image, &len), len, "\xff\xd8\xff\xe0", 4);

  second = lk_comfy_event_parse_binary (png, NULL);
  g_assert_cmpstr (second->image_mime, ==, "image/png");
  g_assert_cmpstr (second->prompt_id, ==, "p9");
  g_assert_cmpstr (second->node, ==, "3");
  g_assert_cmpmem (g_bytes_get_data (second->image, &len), len, "\x89PNG", 4);

  third = lk_comfy_event_parse_binary (text, NULL);
  g_assert_cmpint (third->type, ==, LK_COMFY_EVENT_PROGRESS_TEXT);
  g_assert_cmpstr (third->node, ==, "9");
  g_assert_cmpstr (third->text, ==, "hello");
}

static void
test_event_binary_broken_frames (void)
{
  g_autoptr(GBytes) short_frame = g_bytes_new_static ("\0\0\0\1", 4);
  g_autoptr(GBytes) long_meta = binary_frame (4, 1000, "{}", 2);
  g_autoptr(GBytes) long_id = binary_frame (3, 1000, "x", 1);
  g_autoptr(GBytes) other = binary_frame (2, 0, NULL, 0);
  g_autoptr(LkComfyEvent) unknown = NULL;
  GBytes *broken[] = { short_frame, long_meta, long_id };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LkComfyEvent) event = lk_comfy_event_parse_binary (broken[i], &error);

      g_assert_null (event);
      g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE);
    }

  unknown = lk_comfy_event_parse_binary (other, NULL);
  g_assert_cmpint (unknown->type, ==, LK_COMFY_EVENT_UNKNOWN);
}

/* ---- validation errors in plain words ------------------------------------------------ */

static JsonObject *
graph_with_lora (void)
{
  g_autoptr(JsonNode) root = parse_ok (
    "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"x\"}},"
    " \"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {}},"
    " \"93\": {\"class_type\": \"ADE_AnimateDiffLoaderWithContext\", \"inputs\": {}},"
    " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {}}}");

  return json_object_ref (json_node_get_object (root));
}

static GError *
error_for (guint       status,
           const char *body,
           char      **detail)
{
  g_autoptr(JsonObject) graph = graph_with_lora ();
  g_autoptr(JsonNode) root = body ? parse_ok (body) : NULL;

  return lk_comfy_error_from_prompt_reply (status, root, graph, detail);
}

static void
test_errors_missing_lora_in_plain_words (void)
{
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;

  error = error_for (400,
    "{\"error\": {\"type\": \"prompt_outputs_failed_validation\", \"message\": \"Prompt outputs "
    "failed validation\", \"details\": \"\", \"extra_info\": {}}, \"node_errors\": {\"10\": "
    "{\"errors\": [{\"type\": \"value_not_in_list\", \"message\": \"Value not in list\", "
    "\"details\": \"lora_name: 'mei_working_v2.safetensors' not in ['a.safetensors', "
    "'b.safetensors']\", \"extra_info\": {\"input_name\": \"lora_name\", \"input_config\": "
    "[[\"a.safetensors\", \"b.safetensors\"], {\"tooltip\": \"The name of the LoRA.\"}], "
    "\"received_value\": \"mei_working_v2.safetensors\"}}], \"dependent_outputs\": [\"9\"], "
    "\"class_type\": \"LoraLoader\"}}}", &detail);

  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_MODEL);
  g_assert_cmpstr (error->message, ==, "LoRA file mei_working_v2.safetensors is not on the server "
                                       "(it has: a.safetensors, b.safetensors)");
  g_assert_nonnull (strstr (detail, "value_not_in_list"));
}

static void
test_errors_long_lists_and_combo_specs (void)
{
  g_autoptr(GError) counted = NULL;
  g_autoptr(GError) combo = NULL;

  /* over 20 options the server sends no list, only its length */
  counted = error_for (400,
    "{\"error\": {\"type\": \"prompt_outputs_failed_validation\", \"message\": \"x\", \"details\": "
    "\"\"}, \"node_errors\": {\"4\": {\"errors\": [{\"type\": \"value_not_in_list\", \"message\": "
    "\"Value not in list\", \"details\": \"ckpt_name: 'sdxl.safetensors' not in (list of length "
    "37)\", \"extra_info\": {\"input_name\": \"ckpt_name\", \"input_config\": null, "
    "\"received_value\": \"sdxl.safetensors\"}}], \"dependent_outputs\": [\"9\"], \"class_type\": "
    "\"CheckpointLoaderSimple\"}}}", NULL);
  g_assert_error (counted, LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_MODEL);
  g_assert_cmpstr (counted->message, ==,
                   "Checkpoint sdxl.safetensors is not on the server (it has 37 others)");

  combo = error_for (400,
    "{\"error\": {\"type\": \"prompt_outputs_failed_validation\", \"message\": \"x\", \"details\": "
    "\"\"}, \"node_errors\": {\"9\": {\"errors\": [{\"type\": \"value_not_in_list\", \"message\": "
    "\"Value not in list\", \"details\": \"image: 'y.png' not in ['x.png']\", \"extra_info\": "
    "{\"input_name\": \"image\", \"input_config\": [\"COMBO\", {\"options\": [\"x.png\"]}], "
    "\"received_value\": \"y.png\"}}], \"class_type\": \"SaveImage\"}}}", NULL);
  g_assert_error (combo, LK_COMFY_ERROR, LK_COMFY_ERROR_VALIDATION);
  g_assert_cmpstr (combo->message, ==, "Node 9 (SaveImage): “y.png” is not a value the server "
                                       "accepts for image (it has: x.png)");
}

static void
test_errors_missing_node_type (void)
{
  g_autoptr(GError) from_details = NULL;
  g_autoptr(GError) from_message = NULL;
  g_autoptr(GError) newest = NULL;

  from_details = error_for (400,
    "{\"error\": {\"type\": \"invalid_prompt\", \"message\": \"Cannot execute because node "
    "ADE_AnimateDiffLoaderWithContext does not exist.\", \"details\": \"Node ID '#93'\", "
    "\"extra_info\": {}}, \"node_errors\": {}}", NULL);
  g_assert_error (from_details, LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_NODE);
  g_assert_cmpstr (from_details->message, ==,
                   "Node type ADE_AnimateDiffLoaderWithContext is not installed on the server");

  from_message = error_for (400,
    "{\"node_errors\": {}, \"error\": {\"message\": \"Cannot execute because node FooNode does "
    "not exist.\", \"type\": \"invalid_prompt\", \"details\": \"\"}}", NULL);
  g_assert_cmpstr (from_message->message, ==, "Node type FooNode is not installed on the server");

  newest = error_for (400,
    "{\"error\": {\"type\": \"missing_node_type\", \"message\": \"Node 'x' not found\", "
    "\"details\": \"\", \"extra_info\": {\"node_id\": \"93\", \"class_type\": "
    "\"ADE_AnimateDiffLoaderWithContext\", \"node_title\": \"AnimateDiff\"}}, \"node_errors\": {}}",
    NULL);
  g_assert_error (newest, LK_COMFY_ERROR, LK_COMFY_ERROR_MISSING_NODE);
  g_assert_cmpstr (newest->message, ==,
                   "Node type ADE_AnimateDiffLoaderWithContext is not installed on the server");
}

static void
test_errors_other_shapes (void)
{
  g_autoptr(GError) old = NULL;
  g_autoptr(GError) no_outputs = NULL;
  g_autoptr(GError) duplicate = NULL;
  g_autoptr(GError) crash = NULL;
  g_autoptr(GError) several = NULL;

  old = error_for (400, "{\"error\": \"no prompt\", \"node_errors\": []}", NULL);
  g_assert_error (old, LK_COMFY_ERROR, LK_COMFY_ERROR_VALIDATION);
  g_assert_cmpstr (old->message, ==, "The server received no workflow");

  no_outputs = error_for (400, "{\"error\": {\"type\": \"prompt_no_outputs\", \"message\": "
                               "\"Prompt has no outputs\", \"details\": \"\", \"extra_info\": {}}, "
                               "\"node_errors\": {}}", NULL);
  g_assert_error (no_outputs, LK_COMFY_ERROR, LK_COMFY_ERROR_NO_OUTPUTS);

  duplicate = error_for (409, "{\"error\": \"prompt_id already exists\"}", NULL);
  g_assert_error (duplicate, LK_COMFY_ERROR, LK_COMFY_ERROR_DUPLICATE);

  crash = error_for (500, NULL, NULL);
  g_assert_error (crash, LK_COMFY_ERROR, LK_COMFY_ERROR_HTTP);
  g_assert_nonnull (strstr (crash->message, "500"));

  several = error_for (400,
    "{\"error\": {\"type\": \"prompt_outputs_failed_validation\", \"message\": \"x\", \"details\": "
    "\"\"}, \"node_errors\": {\"10\": {\"errors\": [{\"type\": \"required_input_missing\", "
    "\"message\": \"Required input is missing\", \"details\": \"clip\", \"extra_info\": "
    "{\"input_name\": \"clip\"}}], \"class_type\": \"LoraLoader\"}, \"4\": {\"errors\": "
    "[{\"type\": \"value_bigger_than_max\", \"message\": \"Value 150.0 bigger than max of 100.0\", "
    "\"details\": \"strength\", \"extra_info\": {\"input_name\": \"strength\"}}], "
    "\"class_type\": \"CheckpointLoaderSimple\"}}}", NULL);
  /* one sentence per problem, in node order */
  g_assert_cmpstr (several->message, ==,
                   "Node 4 (CheckpointLoaderSimple): strength is out of range (Value 150.0 bigger "
                   "than max of 100.0)\nNode 10 (LoraLoader) is missing its input “clip”");
}

static void
test_errors_dropped_outputs_and_execution (void)
{
  g_autoptr(JsonObject) graph = graph_with_lora ();
  g_autoptr(JsonNode) empty = parse_ok ("{}");
  g_autoptr(JsonNode) dropped_errors = NULL;
  g_autoptr(GError) none = NULL;
  g_autoptr(GError) dropped = NULL;
  g_autoptr(GError) oom = NULL;
  g_autoptr(GError) plain = NULL;

  none = lk_comfy_error_from_node_errors (empty, graph, NULL);
  g_assert_null (none);

  dropped_errors = parse_ok ("{\"9\": {\"errors\": [{\"type\": \"custom_validation_failed\", "
                             "\"message\": \"Custom validation failed for node\", \"details\": "
                             "\"image - Invalid image file: x.png\", \"extra_info\": {}}], "
                             "\"dependent_outputs\": [\"9\"], \"class_type\": \"SaveImage\"}}");
  dropped = lk_comfy_error_from_node_errors (dropped_errors, graph, NULL);
  g_assert_cmpstr (dropped->message, ==,
                   "Node 9 (SaveImage) refused its inputs: image - Invalid image file: x.png");

  oom = lk_comfy_error_from_execution ("3", "KSampler", "torch.OutOfMemoryError",
                                       "CUDA out of memory.", graph);
  g_assert_error (oom, LK_COMFY_ERROR, LK_COMFY_ERROR_OUT_OF_MEMORY);

  plain = lk_comfy_error_from_execution ("10", NULL, "RuntimeError",
                                         "mat1 and mat2 shapes cannot be multiplied\nmore", graph);
  g_assert_cmpstr (plain->message, ==, "Node 10 (LoraLoader) failed on the server: mat1 and mat2 "
                                       "shapes cannot be multiplied");
}

/* ---- HTTP answers -------------------------------------------------------------------- */

static void
test_reply_history_success (void)
{
  g_autoptr(JsonNode) root = load_fixture ("history-success.json");
  g_autoptr(GPtrArray) entries = lk_comfy_history_parse (root, NULL);
  LkComfyHistoryEntry *entry;
  LkComfyOutput *video;

  g_assert_cmpuint (entries->len, ==, 1);
  entry = lk_comfy_history_find (entries, "3f0c2a4e-8d7b-4c1e-9a55-0d1f2e3a4b5c", NULL);
  g_assert_nonnull (entry);
  g_assert_true (entry->succeeded);
  g_assert_true (entry->completed);
  g_assert_false (entry->interrupted);
  g_assert_null (entry->error_event);
  g_assert_cmpstr (entry->client_id, ==, "c1");
  g_assert_cmpstr (entry->job_tag, ==, "3f0c2a4e-8d7b-4c1e-9a55-0d1f2e3a4b5c");
  g_assert_cmpuint (entry->outputs->len, ==, 3);

  video = g_ptr_array_index (entry->outputs, 2);
  g_assert_cmpstr (lk_comfy_output_get_filename (video), ==, "AnimateDiff_00004.mp4");
  g_assert_cmpstr (lk_comfy_output_get_subfolder (video), ==, "clips");
  g_assert_cmpint (lk_comfy_output_get_kind (video), ==, LK_COMFY_OUTPUT_VIDEO);

  g_assert_true (lk_comfy_history_find (entries, NULL, "3f0c2a4e-8d7b-4c1e-9a55-0d1f2e3a4b5c") == entry);
  g_assert_null (lk_comfy_history_find (entries, "other", "other"));
}

static void
test_reply_history_error_unknown_and_old (void)
{
  g_autoptr(JsonNode) error_root = load_fixture ("history-error.json");
  g_autoptr(JsonNode) empty_root = parse_ok ("{}");
  g_autoptr(JsonNode) old_root = parse_ok ("{\"p\": {\"prompt\": [1, \"p\", {}, {}, []], "
                                           "\"outputs\": {}}}");
  g_autoptr(GPtrArray) errors = lk_comfy_history_parse (error_root, NULL);
  g_autoptr(GPtrArray) empty = lk_comfy_history_parse (empty_root, NULL);
  g_autoptr(GPtrArray) old = lk_comfy_history_parse (old_root, NULL);
  LkComfyHistoryEntry *entry = g_ptr_array_index (errors, 0);

  g_assert_false (entry->succeeded);
  g_assert_false (entry->completed);
  g_assert_nonnull (entry->error_event);
  g_assert_cmpint (entry->error_event->type, ==, LK_COMFY_EVENT_EXECUTION_ERROR);
  g_assert_cmpstr (entry->error_event->exception_type, ==, "torch.OutOfMemoryError");
  g_assert_cmpstr (entry->error_event->node, ==, "3");

  g_assert_cmpuint (empty->len, ==, 0);

  /* servers before 2024 wrote no status: an entry meant the prompt had finished */
  g_assert_true (((LkComfyHistoryEntry *) g_ptr_array_index (old, 0))->succeeded);
}

static void
test_reply_queue_sorted_and_positions (void)
{
  g_autoptr(JsonNode) root = load_fixture ("queue.json");
  g_autoptr(LkComfyQueue) queue = lk_comfy_queue_parse (root, NULL);
  const char *found = NULL;

  g_assert_cmpuint (queue->running->len, ==, 1);
  g_assert_cmpuint (queue->pending->len, ==, 4);
  /* heap order on the wire; the order of running is (number, prompt id) */
  g_assert_cmpstr (((LkComfyQueueItem *) g_ptr_array_index (queue->pending, 0))->prompt_id, ==, "pend-a");
  g_assert_cmpstr (((LkComfyQueueItem *) g_ptr_array_index (queue->pending, 1))->prompt_id, ==, "pend-b");
  g_assert_cmpstr (((LkComfyQueueItem *) g_ptr_array_index (queue->pending, 2))->prompt_id, ==, "pend-d");
  g_assert_cmpstr (((LkComfyQueueItem *) g_ptr_array_index (queue->pending, 3))->prompt_id, ==, "pend-c");

  g_assert_cmpint (lk_comfy_queue_position (queue, "run-a", NULL, NULL), ==, 0);
  g_assert_cmpint (lk_comfy_queue_position (queue, "pend-d", NULL, NULL), ==, 3);
  g_assert_cmpint (lk_comfy_queue_position (queue, "gone", NULL, NULL), ==, -1);
  g_assert_cmpint (lk_comfy_queue_position (queue, "gone", "job-tag-1", &found), ==, 2);
  g_assert_cmpstr (found, ==, "pend-b");
}

static void
test_reply_system_stats_and_prompt (void)
{
  g_autoptr(JsonNode) stats_root = NULL;
  g_autoptr(JsonNode) accepted_root = NULL;
  g_autoptr(JsonNode) empty_root = NULL;
  g_autoptr(LkComfySystemStats) stats = NULL;
  g_autoptr(LkComfyPromptReply) accepted = NULL;
  g_autoptr(LkComfyPromptReply) none = NULL;
  g_autoptr(GError) error = NULL;

  stats_root = parse_ok ("{\"system\": {\"os\": \"posix\", \"ram_total\": 67108864000, "
                         "\"comfyui_version\": \"0.3.64\", \"pytorch_version\": \"2.8.0+cu128\"}, "
                         "\"devices\": [{\"name\": \"cuda:0 NVIDIA GeForce RTX 4090\", \"type\": "
                         "\"cuda\", \"index\": 0, \"vram_total\": 25757220864, \"vram_free\": "
                         "24000000000.0}, {\"name\": \"cpu\"}]}");
  stats = lk_comfy_system_stats_parse (stats_root, NULL);
  g_assert_cmpstr (stats->comfyui_version, ==, "0.3.64");
  g_assert_cmpstr (stats->gpu_name, ==, "cuda:0 NVIDIA GeForce RTX 4090");
  g_assert_cmpint (stats->vram_total, ==, 25757220864);
  g_assert_cmpint (stats->vram_free, ==, 24000000000);
  g_assert_cmpint (stats->ram_free, ==, -1);

  accepted_root = parse_ok ("{\"prompt_id\": \"p1\", \"number\": 5.0, \"node_errors\": "
                            "{\"12\": {\"errors\": []}}}");
  accepted = lk_comfy_prompt_reply_parse (accepted_root, NULL);
  g_assert_cmpstr (accepted->prompt_id, ==, "p1");
  g_assert_cmpfloat (accepted->number, ==, 5.0);
  g_assert_nonnull (accepted->node_errors);

  empty_root = parse_ok ("{\"number\": 1}");
  none = lk_comfy_prompt_reply_parse (empty_root, &error);
  g_assert_null (none);
  g_assert_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/comfy/json/big-integers-become-doubles", test_json_big_integers_become_doubles);
  g_test_add_func ("/comfy/json/nan-and-infinity-become-null", test_json_nan_and_infinity_become_null);
  g_test_add_func ("/comfy/json/strings-are-left-alone", test_json_strings_are_left_alone);
  g_test_add_func ("/comfy/json/nul-and-lone-surrogates-are-marked",
                   test_json_nul_and_lone_surrogates_are_marked);
  g_test_add_func ("/comfy/json/garbage-is-an-error", test_json_garbage_is_an_error);

  g_test_add_func ("/comfy/event/status-first-frame", test_event_status_first_frame);
  g_test_add_func ("/comfy/event/keys-in-any-order-and-unknown-fields",
                   test_event_keys_in_any_order_and_unknown_fields);
  g_test_add_func ("/comfy/event/executing-and-end-marker", test_event_executing_and_end_marker);
  g_test_add_func ("/comfy/event/cached-and-progress-state", test_event_cached_and_progress_state);
  g_test_add_func ("/comfy/event/executed-images-videos-and-unknown",
                   test_event_executed_images_videos_and_unknown);
  g_test_add_func ("/comfy/event/error-and-interrupt", test_event_error_and_interrupt);
  g_test_add_func ("/comfy/event/unknown-types-and-bad-messages",
                   test_event_unknown_types_and_bad_messages);
  g_test_add_func ("/comfy/event/binary-previews", test_event_binary_previews);
  g_test_add_func ("/comfy/event/binary-broken-frames", test_event_binary_broken_frames);

  g_test_add_func ("/comfy/errors/missing-lora-in-plain-words", test_errors_missing_lora_in_plain_words);
  g_test_add_func ("/comfy/errors/long-lists-and-combo-specs", test_errors_long_lists_and_combo_specs);
  g_test_add_func ("/comfy/errors/missing-node-type", test_errors_missing_node_type);
  g_test_add_func ("/comfy/errors/other-shapes", test_errors_other_shapes);
  g_test_add_func ("/comfy/errors/dropped-outputs-and-execution",
                   test_errors_dropped_outputs_and_execution);

  g_test_add_func ("/comfy/reply/history-success", test_reply_history_success);
  g_test_add_func ("/comfy/reply/history-error-unknown-and-old", test_reply_history_error_unknown_and_old);
  g_test_add_func ("/comfy/reply/queue-sorted-and-positions", test_reply_queue_sorted_and_positions);
  g_test_add_func ("/comfy/reply/system-stats-and-prompt", test_reply_system_stats_and_prompt);

  return g_test_run ();
}
