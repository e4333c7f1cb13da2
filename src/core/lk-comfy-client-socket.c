/* lk-comfy-client-socket.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The `/ws?clientId=` WebSocket of LkComfyClient: connecting without an Origin header,
 * reconnecting with backoff, and the watchdog that keeps jobs from waiting forever.
 *
 * A reconnect always waits for the old socket's `closed` signal first: ComfyUI v0.3.64
 * deregisters a client id when its old socket closes, so a new socket opened before that would
 * silently receive nothing. After every (re)connect each followed job is checked against
 * `/history` and `/queue`, which makes good whatever happened while disconnected.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comfy-client-private.h"
#include "lk-comfy-json.h"

/* Previews and `executed` messages can be several MB; libsoup's default limit is 128 KiB. */
#define MAX_INCOMING_PAYLOAD (64 * 1024 * 1024)
#define KEEPALIVE_S          15
/* After this many failed attempts a restarting server is shown as offline. */
#define RESTART_ATTEMPTS     5

static void socket_connect     (LkComfyClient *self);
static void schedule_reconnect (LkComfyClient *self);

static void
socket_message_cb (SoupWebsocketConnection *ws,
                   int                      type,
                   GBytes                  *message,
                   LkComfyClient           *self)
{
  g_autoptr(LkComfyEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (LK_IS_COMFY_CLIENT (self));

  self->last_message_us = g_get_monotonic_time ();

  if (type == SOUP_WEBSOCKET_DATA_TEXT)
    {
      gsize len = 0;
      const char *text = g_bytes_get_data (message, &len);

      event = lk_comfy_event_parse_text (text ? text : "", len, &error);
    }
  else
    {
      event = lk_comfy_event_parse_binary (message, &error);
    }

  if (event == NULL)
    {
      g_debug ("%s: ignoring a message: %s", self->url, error->message);
      return;
    }

  _lk_comfy_client_dispatch_event (self, event);
}

static void
socket_error_cb (SoupWebsocketConnection *ws,
                 GError                  *error,
                 LkComfyClient           *self)
{
  g_debug ("%s: socket error: %s", self->url, error->message);
}

static void
forget_socket (LkComfyClient *self)
{
  if (self->ws == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->ws, self);
  if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&self->ws);
}

static void
socket_closed_cb (SoupWebsocketConnection *ws,
                  LkComfyClient           *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (LK_IS_COMFY_CLIENT (self));
  g_assert (ws == self->ws);

  g_debug ("%s: socket closed (code %u)", self->url,
           soup_websocket_connection_get_close_code (ws));

  forget_socket (self);
  g_clear_pointer (&self->running_prompt_id, g_free);

  if (!self->active)
    return;

  error = g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                       _("The connection to ComfyUI at %s was lost"), self->url);
  _lk_comfy_client_set_last_error (self, error);
  self->offline_since_us = g_get_monotonic_time ();
  _lk_comfy_client_set_state (self, LK_COMFY_SERVER_RESTARTING);
  schedule_reconnect (self);
}

static void
system_stats_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkComfySystemStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = lk_comfy_client_refresh_system_stats_finish (LK_COMFY_CLIENT (object), result, &error);
  if (stats == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No system stats: %s", error->message);
}

static GError *
connect_error (LkComfyClient *self,
               SoupMessage   *message,
               GError        *error)
{
  guint status = soup_message_get_status (message);
  GError *tls_error;

  if (status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_UNAUTHORIZED)
    return lk_comfy_error_from_http_status (status, "/ws");

  tls_error = lk_comfy_error_from_tls (self->url,
                                       soup_message_get_tls_peer_certificate_errors (message),
                                       error);
  if (tls_error != NULL)
    return tls_error;

  return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_UNREACHABLE,
                      _("Could not connect to ComfyUI at %s: %s"), self->url, error->message);
}

static void
socket_connected_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkComfyClient) self = user_data;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *flags = NULL;
  SoupMessage *message;
  gboolean reconnect;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  message = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  /* a cancelled attempt belongs to an earlier connect(): leave the current state alone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->connecting = FALSE;

  if (ws == NULL)
    {
      g_autoptr(GError) reported = NULL;

      if (!self->active)
        return;

      reported = connect_error (self, message, error);
      g_debug ("%s", reported->message);
      _lk_comfy_client_set_last_error (self, reported);
      if (self->offline_since_us == 0)
        self->offline_since_us = g_get_monotonic_time ();

      if (self->n_connects > 0 && self->backoff.attempt < RESTART_ATTEMPTS)
        _lk_comfy_client_set_state (self, LK_COMFY_SERVER_RESTARTING);
      else
        _lk_comfy_client_set_state (self, LK_COMFY_SERVER_OFFLINE);

      schedule_reconnect (self);
      return;
    }

  if (!self->active)
    {
      soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      return;
    }

  self->ws = g_steal_pointer (&ws);
  soup_websocket_connection_set_max_incoming_payload_size (self->ws, MAX_INCOMING_PAYLOAD);
  soup_websocket_connection_set_keepalive_interval (self->ws, KEEPALIVE_S);
  g_signal_connect (self->ws, "message", G_CALLBACK (socket_message_cb), self);
  g_signal_connect (self->ws, "error", G_CALLBACK (socket_error_cb), self);
  g_signal_connect (self->ws, "closed", G_CALLBACK (socket_closed_cb), self);

  /* the server reads only a client's first message: ask for previews that name their prompt */
  flags = lk_comfy_event_build_feature_flags ();
  soup_websocket_connection_send_text (self->ws, flags);

  reconnect = self->n_connects > 0;
  self->n_connects++;
  lk_backoff_reset (&self->backoff);
  self->offline_since_us = 0;
  self->last_message_us = g_get_monotonic_time ();
  _lk_comfy_client_set_last_error (self, NULL);
  _lk_comfy_client_set_state (self, LK_COMFY_SERVER_ONLINE);

  /* the server may have restarted with other models or nodes */
  if (reconnect)
    lk_comfy_client_invalidate_object_info (self);

  lk_comfy_client_refresh_system_stats_async (self, self->cancellable, system_stats_cb, NULL);
  _lk_comfy_client_recover_all (self, FALSE);
}

static void
socket_connect (LkComfyClient *self)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_assert (LK_IS_COMFY_CLIENT (self));

  if (self->ws != NULL || self->connecting || !self->active)
    return;

  self->connecting = TRUE;
  if (self->state == LK_COMFY_SERVER_OFFLINE)
    _lk_comfy_client_set_state (self, LK_COMFY_SERVER_CONNECTING);
  g_clear_object (&self->ws_cancellable);
  self->ws_cancellable = g_cancellable_new ();

  escaped = g_uri_escape_string (self->client_id, NULL, FALSE);
  query = g_strconcat ("clientId=", escaped, NULL);
  message = _lk_comfy_client_new_message (self, "GET", "/ws", query);

  /* origin NULL: libsoup then sends no Origin header at all */
  soup_session_websocket_connect_async (self->ws_session, message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->ws_cancellable,
                                        socket_connected_cb, g_object_ref (self));
}

static gboolean
reconnect_cb (gpointer user_data)
{
  LkComfyClient *self = user_data;

  self->reconnect_source = 0;
  socket_connect (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (LkComfyClient *self)
{
  guint delay;

  if (self->reconnect_source != 0 || !self->active)
    return;

  delay = lk_backoff_next (&self->backoff, self->rand);
  g_debug ("%s: reconnecting in %u ms", self->url, delay);
  self->reconnect_source = g_timeout_add (delay, reconnect_cb, self);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  LkComfyClient *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (!_lk_comfy_client_has_live_jobs (self))
    return G_SOURCE_CONTINUE;

  /* a server gone this long has lost its queue, or will not come back soon enough */
  if (self->state != LK_COMFY_SERVER_ONLINE && self->offline_since_us != 0
      && now - self->offline_since_us >= (gint64) self->lost_after_s * G_USEC_PER_SEC)
    {
      guint minutes = MAX (1, self->lost_after_s / 60);

      _lk_comfy_client_lose_all (self,
                                 g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_LOST,
                                              g_dngettext (GETTEXT_PACKAGE,
                                                           "ComfyUI at %s has been unreachable "
                                                           "for %u minute; generate the job again",
                                                           "ComfyUI at %s has been unreachable "
                                                           "for %u minutes; generate the job again",
                                                           minutes),
                                              self->url, minutes));
      return G_SOURCE_CONTINUE;
    }

  if (self->state != LK_COMFY_SERVER_ONLINE)
    return G_SOURCE_CONTINUE;

  /* silence while jobs run: a stalled server or a dead connection; ask over HTTP */
  if (now - self->last_message_us >= (gint64) self->watchdog_s * G_USEC_PER_SEC)
    _lk_comfy_client_recover_all (self, FALSE);
  else
    _lk_comfy_client_recover_all (self, TRUE);

  return G_SOURCE_CONTINUE;
}

void
_lk_comfy_client_socket_update_watchdog (LkComfyClient *self)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  g_clear_handle_id (&self->watchdog_source, g_source_remove);
  if (self->active)
    self->watchdog_source = g_timeout_add_seconds (MAX (1, self->watchdog_s / 2), watchdog_cb,
                                                   self);
}

void
_lk_comfy_client_socket_start (LkComfyClient *self)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  _lk_comfy_client_socket_update_watchdog (self);
  socket_connect (self);
}

void
_lk_comfy_client_socket_stop (LkComfyClient *self)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  g_cancellable_cancel (self->ws_cancellable);
  g_clear_object (&self->ws_cancellable);
  self->connecting = FALSE;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_handle_id (&self->watchdog_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  forget_socket (self);
}

/* Connects now instead of waiting for the backoff: a job is waiting for this server. */
void
_lk_comfy_client_socket_retry_now (LkComfyClient *self)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  if (!self->active || self->ws != NULL || self->connecting)
    return;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  socket_connect (self);
}
