/* lk-comfy-client-http.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plain HTTP routes of LkComfyClient: `/history`, `/queue`, `/object_info`,
 * `/system_stats` and `/view`, and the request helper the rest of the client uses. Requests
 * carry the optional Authorization header and never an Origin header. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-client-private.h"
#include "lk-comfy-json.h"
#include "lk-download.h"

/* ---- HTTP ---------------------------------------------------------------------------- */

void
_lk_comfy_http_reply_free (LkComfyHttpReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

SoupMessage *
_lk_comfy_client_new_message (LkComfyClient *self,
                              const char    *method,
                              const char    *path,
                              const char    *query)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessage *message;

  g_assert (LK_IS_COMFY_CLIENT (self));

  text = g_strconcat (self->url, path, query ? "?" : NULL, query, NULL);
  uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  message = soup_message_new_from_uri (method, uri);
  if (self->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message),
                                  "Authorization", self->authorization);

  return message;
}

static GTlsCertificateFlags
peer_errors (SoupMessage *message)
{
  return soup_message_get_tls_peer_certificate_errors (message);
}

static void
request_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) tls_error = NULL;

  if (!(body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if ((tls_error = lk_comfy_error_from_tls (self->url, peer_errors (message), error)))
        {
          g_debug ("%s %s: %s", soup_message_get_method (message),
                   g_uri_get_path (soup_message_get_uri (message)), error->message);
          g_task_return_error (task, g_steal_pointer (&tls_error));
        }
      else
        {
          g_debug ("%s %s: %s", soup_message_get_method (message),
                   g_uri_get_path (soup_message_get_uri (message)), error->message);
          /* a refused connection means nothing was sent: submitting can say so */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
            g_object_set_data (G_OBJECT (task), "refused", GINT_TO_POINTER (1));
          g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                                   _("Could not reach ComfyUI at %s: %s"),
                                   self->url, error->message);
        }
      return;
    }

  reply = g_new0 (LkComfyHttpReply, 1);
  reply->status = soup_message_get_status (message);
  reply->body = g_steal_pointer (&body);
  if (g_bytes_get_size (reply->body) > 0)
    reply->json = lk_comfy_json_parse_bytes (reply->body, NULL);

  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) _lk_comfy_http_reply_free);
}

void
_lk_comfy_client_request_async (LkComfyClient       *self,
                                const char          *method,
                                const char          *path,
                                const char          *query,
                                JsonNode            *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GTask) task = NULL;

  g_assert (LK_IS_COMFY_CLIENT (self));

  message = _lk_comfy_client_new_message (self, method, path, query);

  if (body != NULL)
    {
      g_autofree char *text = lk_comfy_json_to_string (body, FALSE);
      gsize len = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _lk_comfy_client_request_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    request_sent_cb, g_steal_pointer (&task));
}

LkComfyHttpReply *
_lk_comfy_client_request_finish (LkComfyClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_assert (LK_IS_COMFY_CLIENT (self));
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reports an answer's status or shape as an error; TRUE if it is a JSON 200. */
static gboolean
reply_check (LkComfyHttpReply  *reply,
             const char        *what,
             GError           **error)
{
  if (reply->status != SOUP_STATUS_OK)
    {
      g_propagate_error (error, lk_comfy_error_from_http_status (reply->status, what));
      return FALSE;
    }

  if (reply->json == NULL)
    {
      g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                   _("The server’s answer to %s is not JSON"), what);
      return FALSE;
    }

  return TRUE;
}

/* ---- /history/{id} ------------------------------------------------------------------- */

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *prompt_id = g_task_get_task_data (task);
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  LkComfyHistoryEntry *entry;

  if (!(reply = _lk_comfy_client_request_finish (LK_COMFY_CLIENT (object), result, &error))
      || !reply_check (reply, "/history", &error)
      || !(entries = lk_comfy_history_parse (reply->json, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!(entry = lk_comfy_history_find (entries, prompt_id, NULL)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The server has no finished job %s"), prompt_id);
      return;
    }

  g_ptr_array_set_free_func (entries, NULL);
  g_ptr_array_remove_fast (entries, entry);
  g_ptr_array_set_free_func (entries, (GDestroyNotify) lk_comfy_history_entry_free);
  g_task_return_pointer (task, entry, (GDestroyNotify) lk_comfy_history_entry_free);
}

/**
 * lk_comfy_client_get_history_async:
 * @self: a #LkComfyClient
 * @prompt_id: a prompt id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the entry
 * @user_data: data for @callback
 *
 * Reads `GET /history/{prompt_id}`. A prompt only has an entry once finished: read it after
 * the end marker, not after `execution_success`.
 */
void
lk_comfy_client_get_history_async (LkComfyClient       *self,
                                   const char          *prompt_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));
  g_return_if_fail (prompt_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_get_history_async);
  g_task_set_task_data (task, g_strdup (prompt_id), g_free);

  escaped = g_uri_escape_string (prompt_id, NULL, FALSE);
  path = g_strconcat ("/history/", escaped, NULL);
  _lk_comfy_client_request_async (self, "GET", path, NULL, NULL, cancellable, history_cb,
                                  g_steal_pointer (&task));
}

/**
 * lk_comfy_client_get_history_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError; %G_IO_ERROR_NOT_FOUND when the server has no entry
 *   (unknown, or not finished yet)
 *
 * Returns: (transfer full) (nullable): the entry
 */
LkComfyHistoryEntry *
lk_comfy_client_get_history_finish (LkComfyClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- /queue -------------------------------------------------------------------------- */

static void
queue_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  LkComfyQueue *queue;

  if (!(reply = _lk_comfy_client_request_finish (LK_COMFY_CLIENT (object), result, &error))
      || !reply_check (reply, "/queue", &error)
      || !(queue = lk_comfy_queue_parse (reply->json, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, queue, (GDestroyNotify) lk_comfy_queue_free);
}

/**
 * lk_comfy_client_get_queue_async:
 * @self: a #LkComfyClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the queue
 * @user_data: data for @callback
 *
 * Reads `GET /queue`.
 */
void
lk_comfy_client_get_queue_async (LkComfyClient       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_get_queue_async);
  _lk_comfy_client_request_async (self, "GET", "/queue", NULL, NULL, cancellable, queue_cb,
                                  g_steal_pointer (&task));
}

/**
 * lk_comfy_client_get_queue_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the queue, pending entries in the order they will run
 */
LkComfyQueue *
lk_comfy_client_get_queue_finish (LkComfyClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- /object_info -------------------------------------------------------------------- */

static void
object_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!(reply = _lk_comfy_client_request_finish (self, result, &error))
      || !reply_check (reply, "/object_info", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (reply->json))
    {
      g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_RESPONSE,
                               _("The server’s answer to %s has an unexpected shape"),
                               "/object_info");
      return;
    }

  g_clear_pointer (&self->object_info, json_object_unref);
  self->object_info = json_object_ref (json_node_get_object (reply->json));
  self->object_info_time = g_get_monotonic_time ();

  g_task_return_pointer (task, json_object_ref (self->object_info),
                         (GDestroyNotify) json_object_unref);
}

/**
 * lk_comfy_client_get_object_info_async:
 * @self: a #LkComfyClient
 * @refresh: %TRUE to ask the server even if a fresh copy is cached
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the node descriptions
 * @user_data: data for @callback
 *
 * The server's node descriptions (`GET /object_info`: node types, their inputs, the LoRA and
 * checkpoint lists), for preflight. A copy is kept and reused until it is older than the
 * maximum age, the socket reconnects (the server may have restarted with other files), the
 * server refuses a workflow for a missing file or node, or lk_comfy_client_invalidate_object_info()
 * is called. Integers beyond 64 bits (seed maxima) read as inexact doubles; `NaN` as null.
 */
void
lk_comfy_client_get_object_info_async (LkComfyClient       *self,
                                       gboolean             refresh,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gint64 age_us;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_get_object_info_async);

  age_us = g_get_monotonic_time () - self->object_info_time;
  if (!refresh && self->object_info != NULL
      && age_us < (gint64) self->object_info_max_age_s * G_USEC_PER_SEC)
    {
      g_task_return_pointer (task, json_object_ref (self->object_info),
                             (GDestroyNotify) json_object_unref);
      return;
    }

  _lk_comfy_client_request_async (self, "GET", "/object_info", NULL, NULL, cancellable,
                                  object_info_cb, g_steal_pointer (&task));
}

/**
 * lk_comfy_client_get_object_info_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): class type → node description
 */
JsonObject *
lk_comfy_client_get_object_info_finish (LkComfyClient  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_comfy_client_invalidate_object_info:
 * @self: a #LkComfyClient
 *
 * Forgets the cached node descriptions; the next request reads them again.
 */
void
lk_comfy_client_invalidate_object_info (LkComfyClient *self)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  g_clear_pointer (&self->object_info, json_object_unref);
  self->object_info_time = 0;
}

/* ---- /system_stats ------------------------------------------------------------------- */

static void
system_stats_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyClient *self = LK_COMFY_CLIENT (object);
  g_autoptr(LkComfyHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  LkComfySystemStats *stats;

  if (!(reply = _lk_comfy_client_request_finish (self, result, &error))
      || !reply_check (reply, "/system_stats", &error)
      || !(stats = lk_comfy_system_stats_parse (reply->json, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lk_comfy_client_set_stats (self, stats);
  g_task_return_pointer (task, lk_comfy_system_stats_parse (reply->json, NULL),
                         (GDestroyNotify) lk_comfy_system_stats_free);
}

/**
 * lk_comfy_client_refresh_system_stats_async:
 * @self: a #LkComfyClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the stats
 * @user_data: data for @callback
 *
 * Reads `GET /system_stats` and updates the version, GPU and VRAM properties (done on every
 * connection too).
 */
void
lk_comfy_client_refresh_system_stats_async (LkComfyClient       *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_refresh_system_stats_async);
  _lk_comfy_client_request_async (self, "GET", "/system_stats", NULL, NULL, cancellable,
                                  system_stats_cb, g_steal_pointer (&task));
}

/**
 * lk_comfy_client_refresh_system_stats_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stats
 */
LkComfySystemStats *
lk_comfy_client_refresh_system_stats_finish (LkComfyClient  *self,
                                             GAsyncResult   *result,
                                             GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- /view --------------------------------------------------------------------------- */

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkComfyOutput *output = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (!(file = lk_download_to_file_finish (result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  lk_comfy_output_set_path (output, g_file_peek_path (file));
  g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
}

/**
 * lk_comfy_client_download_async:
 * @self: a #LkComfyClient
 * @output: a file a job produced on this server
 * @root: (nullable): the download folder; %NULL for lk_download_dup_root() (the cache)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is stored
 * @user_data: data for @callback
 *
 * Fetches @output through `/view` into `root/<server>/<type>/<subfolder>/<name>` and sets its
 * `path`. Names from the server are checked first (lk_download_build_path()): one that could
 * write outside @root fails with %LK_COMFY_ERROR_UNSAFE_NAME and nothing is requested.
 */
void
lk_comfy_client_download_async (LkComfyClient       *self,
                                LkComfyOutput       *output,
                                const char          *root,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *subfolder = NULL;
  g_autofree char *type = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (LK_IS_COMFY_CLIENT (self));
  g_return_if_fail (LK_IS_COMFY_OUTPUT (output));
  g_return_if_fail (root == NULL || g_path_is_absolute (root));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_comfy_client_download_async);
  g_task_set_task_data (task, g_object_ref (output), g_object_unref);

  if (root == NULL)
    root = default_root = lk_download_dup_root ();

  path = lk_download_build_path (root, self->server_key,
                                 lk_comfy_output_get_folder_type (output),
                                 lk_comfy_output_get_subfolder (output),
                                 lk_comfy_output_get_filename (output), &error);
  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  filename = g_uri_escape_string (lk_comfy_output_get_filename (output), NULL, FALSE);
  subfolder = g_uri_escape_string (lk_comfy_output_get_subfolder (output), NULL, FALSE);
  type = g_uri_escape_string (lk_comfy_output_get_folder_type (output), NULL, FALSE);
  query = g_strdup_printf ("filename=%s&subfolder=%s&type=%s", filename, subfolder, type);
  message = _lk_comfy_client_new_message (self, "GET", "/view", query);

  lk_download_to_file_async (self->session, message, path, cancellable, download_cb,
                             g_steal_pointer (&task));
}

/**
 * lk_comfy_client_download_finish:
 * @self: a #LkComfyClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stored file
 */
GFile *
lk_comfy_client_download_finish (LkComfyClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
