/* fuzz-comfy-messages.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Everything a ComfyUI server sends, read from the same bytes: a WebSocket text frame, a
 * WebSocket binary frame (preview image, progress text), and, when the bytes are JSON as the
 * HTTP client reads it, the answers to /history, /queue, /system_stats and POST /prompt, each
 * followed by the look-ups the client does on them (lk_comfy_history_find,
 * lk_comfy_queue_position).
 *
 * Checked on every input: each parser either returns a result or sets a LK_COMFY_ERROR (never
 * both, never neither) whose message is valid UTF-8; every string it hands out is valid UTF-8;
 * the fields its documentation promises for a given kind of result are there; look-ups find
 * what was parsed and nothing else. ASan and UBSan watch the rest, and the leak checker runs.
 * A critical (a g_return_if_fail() hit) is a broken promise and aborts.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lk-comfy-error.h"
#include "lk-comfy-event.h"
#include "lk-comfy-json.h"
#include "lk-comfy-output.h"
#include "lk-comfy-reply.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gboolean
is_fatal (GLogLevelFlags log_level)
{
  return (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0;
}

/* GLib and json-glib log through g_log(); the core, built with G_LOG_USE_STRUCTURED, through
 * the structured writer. Both stay quiet except for criticals, which abort so that libFuzzer
 * reports them. */
static void
log_handler (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  if (is_fatal (log_level))
    {
      g_printerr ("%s: %s\n", log_domain ? log_domain : "", message);
      abort ();
    }
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (is_fatal (log_level))
    {
      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
            g_printerr ("%s\n", (const char *) fields[i].value);
        }
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

static void
assert_utf8 (const char *text)
{
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
}

/* The contract of every parser here: a result, or a LK_COMFY_ERROR with readable text. */
static void
assert_result_or_error (gconstpointer  result,
                        const GError  *error)
{
  if (result != NULL)
    {
      g_assert (error == NULL);
    }
  else
    {
      g_assert (error != NULL && error->domain == LK_COMFY_ERROR);
      g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
    }
}

static void
check_outputs (GPtrArray *outputs)
{
  g_assert (outputs != NULL);

  for (guint i = 0; i < outputs->len; i++)
    {
      LkComfyOutput *output = g_ptr_array_index (outputs, i);

      const char *filename = lk_comfy_output_get_filename (output);

      g_assert (LK_IS_COMFY_OUTPUT (output));
      g_assert (filename != NULL && *filename != '\0');
      assert_utf8 (filename);
      assert_utf8 (lk_comfy_output_get_node_id (output));
      assert_utf8 (lk_comfy_output_get_subfolder (output));
      assert_utf8 (lk_comfy_output_get_folder_type (output));
      assert_utf8 (lk_comfy_output_get_format (output));
      assert_utf8 (lk_comfy_output_get_metadata_filename (output));
    }
}

static void
check_event (LkComfyEvent *event)
{
  /* shared by reference: one more holder must not free it */
  lk_comfy_event_unref (lk_comfy_event_ref (event));

  g_assert (event->type_name != NULL);
  assert_utf8 (event->type_name);
  assert_utf8 (event->prompt_id);
  assert_utf8 (event->node);
  assert_utf8 (event->display_node);
  assert_utf8 (event->sid);
  assert_utf8 (event->node_type);
  assert_utf8 (event->exception_type);
  assert_utf8 (event->exception_message);
  assert_utf8 (event->traceback);
  assert_utf8 (event->image_mime);
  assert_utf8 (event->text);
  g_assert (event->queue_remaining >= -1);

  if (event->nodes != NULL)
    for (guint i = 0; event->nodes[i] != NULL; i++)
      assert_utf8 (event->nodes[i]);

  if (event->node_states != NULL)
    for (guint i = 0; i < event->node_states->len; i++)
      {
        LkComfyNodeState *state = g_ptr_array_index (event->node_states, i);

        g_assert (state->node != NULL);
        assert_utf8 (state->node);
      }

  if (event->outputs != NULL)
    check_outputs (event->outputs);

  switch (event->type)
    {
    case LK_COMFY_EVENT_EXECUTION_CACHED:
      g_assert (event->nodes != NULL);
      break;
    case LK_COMFY_EVENT_PROGRESS_STATE:
      g_assert (event->node_states != NULL);
      break;
    case LK_COMFY_EVENT_EXECUTED:
      g_assert (event->outputs != NULL);
      break;
    case LK_COMFY_EVENT_PREVIEW:
      g_assert (event->image != NULL && event->image_mime != NULL);
      break;
    case LK_COMFY_EVENT_PROGRESS_TEXT:
      g_assert (event->node != NULL && event->text != NULL);
      break;
    default:
      break;
    }

  g_assert (lk_comfy_event_is_end_marker (event)
            == (event->type == LK_COMFY_EVENT_EXECUTING && event->node == NULL));
}

static void
check_text_event (const guint8 *data,
                  size_t        size)
{
  g_autoptr(LkComfyEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  event = lk_comfy_event_parse_text ((const char *) data, size, &error);
  assert_result_or_error (event, error);
  if (event == NULL)
    return;

  check_event (event);
  /* a text message always keeps its data object, for what is not parsed */
  g_assert (event->data != NULL && JSON_NODE_HOLDS_OBJECT (event->data));
  g_assert (event->type != LK_COMFY_EVENT_PREVIEW && event->type != LK_COMFY_EVENT_PROGRESS_TEXT);
}

static void
check_binary_event (const guint8 *data,
                    size_t        size)
{
  g_autoptr(GBytes) frame = g_bytes_new (data, size);
  g_autoptr(LkComfyEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_name = NULL;

  event = lk_comfy_event_parse_binary (frame, &error);
  assert_result_or_error (event, error);
  if (event == NULL)
    return;

  check_event (event);
  g_assert (size >= 8);
  expected_name = g_strdup_printf ("binary-%u",
                                   ((guint32) data[0] << 24) | ((guint32) data[1] << 16)
                                   | ((guint32) data[2] << 8) | data[3]);
  g_assert (g_str_equal (event->type_name, expected_name));

  /* the image is the tail of the frame, never more */
  if (event->image != NULL)
    {
      gsize image_len = 0;
      const guint8 *image = g_bytes_get_data (event->image, &image_len);

      g_assert (image_len <= size - 8);
      g_assert (image_len == 0 || memcmp (image, data + size - image_len, image_len) == 0);
    }
}

static void
check_history (JsonNode *root)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = lk_comfy_history_parse (root, &error);
  assert_result_or_error (entries, error);
  if (entries == NULL)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      LkComfyHistoryEntry *entry = g_ptr_array_index (entries, i);
      LkComfyHistoryEntry *found;

      g_assert (entry->prompt_id != NULL);
      assert_utf8 (entry->prompt_id);
      assert_utf8 (entry->status_str);
      assert_utf8 (entry->client_id);
      assert_utf8 (entry->job_tag);
      check_outputs (entry->outputs);
      g_assert (!(entry->succeeded && entry->interrupted));

      if (entry->error_event != NULL)
        {
          check_event (entry->error_event);
          g_assert (entry->error_event->type == LK_COMFY_EVENT_EXECUTION_ERROR
                    || entry->error_event->type == LK_COMFY_EVENT_EXECUTION_INTERRUPTED);
          g_assert (!entry->succeeded);
        }

      found = lk_comfy_history_find (entries, entry->prompt_id, NULL);
      g_assert (found != NULL && g_str_equal (found->prompt_id, entry->prompt_id));

      if (entry->job_tag != NULL)
        {
          found = lk_comfy_history_find (entries, NULL, entry->job_tag);
          g_assert (found != NULL && g_str_equal (found->job_tag, entry->job_tag));
        }
    }

  g_assert (lk_comfy_history_find (entries, NULL, NULL) == NULL);
  lk_comfy_history_find (entries, "1", "00000000-0000-4000-8000-000000000000");
}

static void
check_queue_items (LkComfyQueue *queue,
                   GPtrArray    *items,
                   gboolean      running)
{
  for (guint i = 0; i < items->len; i++)
    {
      LkComfyQueueItem *item = g_ptr_array_index (items, i);
      const char *found_id = NULL;
      int position;

      g_assert (item->prompt_id != NULL);
      assert_utf8 (item->prompt_id);
      assert_utf8 (item->client_id);
      assert_utf8 (item->job_tag);

      position = lk_comfy_queue_position (queue, item->prompt_id, NULL, &found_id);
      g_assert (found_id != NULL && g_str_equal (found_id, item->prompt_id));
      /* the first item with this id: the running ones come first, then the pending in order */
      g_assert (running ? position == 0 : (position >= 0 && position <= (int) i + 1));

      if (item->job_tag != NULL)
        {
          position = lk_comfy_queue_position (queue, NULL, item->job_tag, NULL);
          g_assert (position >= 0);
        }

      /* pending items are sorted into the order the server runs them */
      if (!running && i > 0)
        {
          LkComfyQueueItem *previous = g_ptr_array_index (items, i - 1);

          g_assert (!(previous->number > item->number));
        }
    }
}

static void
check_queue (JsonNode *root)
{
  g_autoptr(LkComfyQueue) queue = NULL;
  g_autoptr(GError) error = NULL;
  const char *found_id = NULL;

  queue = lk_comfy_queue_parse (root, &error);
  assert_result_or_error (queue, error);
  if (queue == NULL)
    return;

  g_assert (queue->running != NULL && queue->pending != NULL);
  check_queue_items (queue, queue->running, TRUE);
  check_queue_items (queue, queue->pending, FALSE);

  g_assert (lk_comfy_queue_position (queue, NULL, NULL, &found_id) == -1);
  g_assert (found_id == NULL);
}

static void
check_system_stats (JsonNode *root)
{
  g_autoptr(LkComfySystemStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = lk_comfy_system_stats_parse (root, &error);
  assert_result_or_error (stats, error);
  if (stats == NULL)
    return;

  assert_utf8 (stats->os);
  assert_utf8 (stats->comfyui_version);
  assert_utf8 (stats->python_version);
  assert_utf8 (stats->pytorch_version);
  assert_utf8 (stats->gpu_name);
  assert_utf8 (stats->gpu_type);
}

static void
check_prompt_reply (JsonNode *root)
{
  g_autoptr(LkComfyPromptReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = lk_comfy_prompt_reply_parse (root, &error);
  assert_result_or_error (reply, error);
  if (reply == NULL)
    return;

  g_assert (reply->prompt_id != NULL && *reply->prompt_id != '\0');
  assert_utf8 (reply->prompt_id);
  g_assert (reply->node_errors == NULL
            || (JSON_NODE_HOLDS_OBJECT (reply->node_errors)
                && json_object_get_size (json_node_get_object (reply->node_errors)) > 0));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static gboolean initialized;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!initialized)
    {
      g_log_set_default_handler (log_handler, NULL);
      g_log_set_writer_func (log_writer, NULL, NULL);
      initialized = TRUE;
    }

  check_text_event (data, size);
  check_binary_event (data, size);

  /* The HTTP answers, read the way the client reads every reply body. */
  root = lk_comfy_json_parse ((const char *) data, size, &error);
  assert_result_or_error (root, error);
  if (root == NULL)
    return 0;

  check_history (root);
  check_queue (root);
  check_system_stats (root);
  check_prompt_reply (root);

  return 0;
}
