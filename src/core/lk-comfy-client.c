/* lk-comfy-client.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkComfyClient: one ComfyUI server over libsoup 3. Like GTK, it is used from the thread
 * that runs the default main context (its timers are attached there).
 *
 * This file holds the object and its properties. The HTTP routes are in
 * lk-comfy-client-http.c, the WebSocket in lk-comfy-client-socket.c, jobs in
 * lk-comfy-client-jobs.c and lk-comfy-client-submit.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-comfy-client-private.h"
#include "lk-download.h"
#include "lk-util.h"

#define DEFAULT_OBJECT_INFO_MAX_AGE_S 600
#define DEFAULT_RECONNECT_MS          250
#define MAX_RECONNECT_MS              30000
#define DEFAULT_WATCHDOG_S            20
#define DEFAULT_LOST_AFTER_S          600
#define HTTP_TIMEOUT_S                60

G_DEFINE_FINAL_TYPE (LkComfyClient, lk_comfy_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LkComfyServerState, lk_comfy_server_state,
  G_DEFINE_ENUM_VALUE (LK_COMFY_SERVER_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_SERVER_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_SERVER_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_SERVER_RESTARTING, "restarting"),
  G_DEFINE_ENUM_VALUE (LK_COMFY_SERVER_OFFLINE, "offline"))

GParamSpec *_lk_comfy_client_properties[_LK_COMFY_CLIENT_N_PROPS];
guint _lk_comfy_client_signals[_LK_COMFY_CLIENT_N_SIGNALS];

static void
notify (LkComfyClient *self,
        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), _lk_comfy_client_properties[prop]);
}

static void
lk_comfy_client_dispose (GObject *object)
{
  LkComfyClient *self = (LkComfyClient *)object;

  g_cancellable_cancel (self->cancellable);
  _lk_comfy_client_socket_stop (self);
  _lk_comfy_client_jobs_dispose (self);

  G_OBJECT_CLASS (lk_comfy_client_parent_class)->dispose (object);
}

static void
lk_comfy_client_finalize (GObject *object)
{
  LkComfyClient *self = (LkComfyClient *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->server_key, g_free);
  g_clear_pointer (&self->authorization, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_object (&self->session);
  g_clear_object (&self->ws_session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_object (&self->job_list);
  g_clear_pointer (&self->stash, g_ptr_array_unref);
  g_clear_pointer (&self->object_info, json_object_unref);
  g_clear_pointer (&self->stats, lk_comfy_system_stats_free);
  g_clear_error (&self->last_error);
  g_clear_pointer (&self->running_prompt_id, g_free);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (lk_comfy_client_parent_class)->finalize (object);
}

static void
lk_comfy_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkComfyClient *self = LK_COMFY_CLIENT (object);

  switch (prop_id)
    {
    case CLIENT_PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case CLIENT_PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case CLIENT_PROP_AUTHORIZATION:
      g_value_set_string (value, self->authorization);
      break;
    case CLIENT_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case CLIENT_PROP_QUEUE_REMAINING:
      g_value_set_int (value, self->queue_remaining);
      break;
    case CLIENT_PROP_VERSION:
      g_value_set_string (value, lk_comfy_client_get_version (self));
      break;
    case CLIENT_PROP_GPU_NAME:
      g_value_set_string (value, lk_comfy_client_get_gpu_name (self));
      break;
    case CLIENT_PROP_VRAM_TOTAL:
      g_value_set_int64 (value, lk_comfy_client_get_vram_total (self));
      break;
    case CLIENT_PROP_VRAM_FREE:
      g_value_set_int64 (value, lk_comfy_client_get_vram_free (self));
      break;
    case CLIENT_PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    case CLIENT_PROP_JOBS:
      g_value_set_object (value, self->job_list);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_comfy_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LkComfyClient *self = LK_COMFY_CLIENT (object);

  switch (prop_id)
    {
    case CLIENT_PROP_AUTHORIZATION:
      lk_comfy_client_set_authorization (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_comfy_client_class_init (LkComfyClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamSpec **props = _lk_comfy_client_properties;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_comfy_client_dispose;
  object_class->finalize = lk_comfy_client_finalize;
  object_class->get_property = lk_comfy_client_get_property;
  object_class->set_property = lk_comfy_client_set_property;

  props[CLIENT_PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  props[CLIENT_PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, ro);
  props[CLIENT_PROP_AUTHORIZATION] =
    g_param_spec_string ("authorization", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[CLIENT_PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, LK_TYPE_COMFY_SERVER_STATE,
                                                LK_COMFY_SERVER_DISCONNECTED, ro);
  props[CLIENT_PROP_QUEUE_REMAINING] = g_param_spec_int ("queue-remaining", NULL, NULL, -1,
                                                         G_MAXINT, -1, ro);
  props[CLIENT_PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, ro);
  props[CLIENT_PROP_GPU_NAME] = g_param_spec_string ("gpu-name", NULL, NULL, NULL, ro);
  props[CLIENT_PROP_VRAM_TOTAL] = g_param_spec_int64 ("vram-total", NULL, NULL, -1, G_MAXINT64,
                                                      -1, ro);
  props[CLIENT_PROP_VRAM_FREE] = g_param_spec_int64 ("vram-free", NULL, NULL, -1, G_MAXINT64,
                                                     -1, ro);
  props[CLIENT_PROP_LAST_ERROR] = g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR, ro);
  props[CLIENT_PROP_JOBS] = g_param_spec_object ("jobs", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, _LK_COMFY_CLIENT_N_PROPS, props);

  /**
   * LkComfyClient::event:
   * @self: the client
   * @event: (type LkComfyEvent): a message from the server
   *
   * Every WebSocket message, parsed, before the jobs it concerns are updated. For live views
   * that want more than the jobs' properties (another client's progress, previews).
   */
  _lk_comfy_client_signals[CLIENT_SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LK_TYPE_COMFY_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lk_comfy_client_init (LkComfyClient *self)
{
  self->client_id = g_uuid_string_random ();
  self->cancellable = g_cancellable_new ();
  self->queue_remaining = -1;
  self->object_info_max_age_s = DEFAULT_OBJECT_INFO_MAX_AGE_S;
  self->watchdog_s = DEFAULT_WATCHDOG_S;
  self->lost_after_s = DEFAULT_LOST_AFTER_S;
  self->rand = g_rand_new ();
  lk_backoff_init (&self->backoff, DEFAULT_RECONNECT_MS, MAX_RECONNECT_MS);

  _lk_comfy_client_jobs_init (self);
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * lk_comfy_client_new:
 * @url: the server's base URL: `http://127.0.0.1:8188`, `https://gpu.studio.example/comfy`
 * @error: return location for a #GError
 *
 * A client for one server. Nothing is sent until lk_comfy_client_connect() or a request.
 *
 * Returns: (transfer full) (nullable): the client, or %NULL with @error set to
 *   %LK_COMFY_ERROR_INVALID_URL
 */
LkComfyClient *
lk_comfy_client_new (const char  *url,
                     GError     **error)
{
  g_autoptr(LkComfyClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (url));
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  uri = g_uri_parse (trimmed, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_URL,
                   _("“%s” is not a ComfyUI server address; it should look like "
                     "http://127.0.0.1:8188"), url);
      return NULL;
    }

  self = g_object_new (LK_TYPE_COMFY_CLIENT, NULL);
  self->url = g_steal_pointer (&trimmed);
  self->base_uri = g_steal_pointer (&uri);
  self->server_key = lk_download_server_key (self->base_uri);

  /* Two sessions: plain requests time out, the long-lived socket must not. Neither adds an
   * Origin header. A server on this machine is never reached through a proxy (nor is the
   * system's proxy configuration read for it). */
  if (is_loopback (g_uri_get_host (self->base_uri)))
    {
      self->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S,
                                                     "max-conns-per-host", 4,
                                                     "proxy-resolver", NULL,
                                                     NULL);
      self->ws_session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
    }
  else
    {
      self->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S,
                                                     "max-conns-per-host", 4,
                                                     NULL);
      self->ws_session = soup_session_new ();
    }

  return g_steal_pointer (&self);
}

/**
 * lk_comfy_client_get_url:
 * @self: a #LkComfyClient
 *
 * Returns: (transfer none): the server's base URL, without a trailing slash
 */
const char *
lk_comfy_client_get_url (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return self->url;
}

/**
 * lk_comfy_client_get_client_id:
 * @self: a #LkComfyClient
 *
 * The id sent as `client_id` with every prompt and as `clientId` on the socket, so the server
 * routes the prompt's messages here.
 *
 * Returns: (transfer none): a random UUID, fixed for the client's lifetime
 */
const char *
lk_comfy_client_get_client_id (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return self->client_id;
}

/**
 * lk_comfy_client_get_authorization:
 * @self: a #LkComfyClient
 *
 * Returns: (transfer none) (nullable): the Authorization header value
 */
const char *
lk_comfy_client_get_authorization (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return self->authorization;
}

/**
 * lk_comfy_client_set_authorization:
 * @self: a #LkComfyClient
 * @authorization: (nullable): an Authorization header value (`Bearer …`) for a server behind
 *   a proxy, or %NULL for none
 *
 * Used from the next request and the next socket connection on.
 */
void
lk_comfy_client_set_authorization (LkComfyClient *self,
                                   const char    *authorization)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  if (authorization != NULL && *authorization == '\0')
    authorization = NULL;

  if (lk_set_str (&self->authorization, authorization))
    notify (self, CLIENT_PROP_AUTHORIZATION);
}

/**
 * lk_comfy_client_set_tls_ca_file:
 * @self: a #LkComfyClient
 * @path: (type filename) (nullable): a PEM file of certificate authorities to trust for an
 *   `https://` server, such as a studio's own; %NULL for the system's
 * @error: return location for a #GError
 *
 * Only the authorities in @path are trusted then, not the system's. Used from the next
 * connection on; see lk_comfy_client_retry().
 *
 * Returns: %TRUE on success; %FALSE with @error set when @path cannot be read or holds no
 *   certificate, and the trusted authorities are left as they were
 */
gboolean
lk_comfy_client_set_tls_ca_file (LkComfyClient  *self,
                                 const char     *path,
                                 GError        **error)
{
  g_autoptr(GTlsDatabase) database = NULL;

  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path == NULL)
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  else if (!(database = g_tls_file_database_new (path, error)))
    {
      g_prefix_error (error, _("Cannot use “%s” as certificate authority: "), path);
      return FALSE;
    }

  soup_session_set_tls_database (self->session, database);
  soup_session_set_tls_database (self->ws_session, database);
  return TRUE;
}

/**
 * lk_comfy_client_get_state:
 * @self: a #LkComfyClient
 *
 * Returns: whether the server is online, offline…
 */
LkComfyServerState
lk_comfy_client_get_state (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), LK_COMFY_SERVER_DISCONNECTED);
  return self->state;
}

/**
 * lk_comfy_client_get_queue_remaining:
 * @self: a #LkComfyClient
 *
 * Returns: the prompts waiting or running on the server (all clients'), -1 until known
 */
int
lk_comfy_client_get_queue_remaining (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), -1);
  return self->queue_remaining;
}

/**
 * lk_comfy_client_get_version:
 * @self: a #LkComfyClient
 *
 * Returns: (transfer none) (nullable): the server's ComfyUI version, once connected
 */
const char *
lk_comfy_client_get_version (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return self->stats ? self->stats->comfyui_version : NULL;
}

/**
 * lk_comfy_client_get_gpu_name:
 * @self: a #LkComfyClient
 *
 * Returns: (transfer none) (nullable): the server's primary device, once connected
 */
const char *
lk_comfy_client_get_gpu_name (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return self->stats ? self->stats->gpu_name : NULL;
}

/**
 * lk_comfy_client_get_vram_total:
 * @self: a #LkComfyClient
 *
 * Returns: bytes of VRAM of the primary device, -1 if unknown
 */
gint64
lk_comfy_client_get_vram_total (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), -1);
  return self->stats ? self->stats->vram_total : -1;
}

/**
 * lk_comfy_client_get_vram_free:
 * @self: a #LkComfyClient
 *
 * Returns: free bytes of VRAM when the stats were last read, -1 if unknown
 */
gint64
lk_comfy_client_get_vram_free (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), -1);
  return self->stats ? self->stats->vram_free : -1;
}

/**
 * lk_comfy_client_get_last_error:
 * @self: a #LkComfyClient
 *
 * Returns: (transfer none) (nullable): why the server was last unreachable
 */
const GError *
lk_comfy_client_get_last_error (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return self->last_error;
}

/**
 * lk_comfy_client_get_jobs:
 * @self: a #LkComfyClient
 *
 * The jobs this client follows until they are final, for a queue view.
 *
 * Returns: (transfer none): a #GListModel of #LkJob
 */
GListModel *
lk_comfy_client_get_jobs (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), NULL);
  return G_LIST_MODEL (self->job_list);
}

/**
 * lk_comfy_client_get_n_active_jobs:
 * @self: a #LkComfyClient
 *
 * Returns: how many jobs this client follows (pending, queued or running)
 */
guint
lk_comfy_client_get_n_active_jobs (LkComfyClient *self)
{
  g_return_val_if_fail (LK_IS_COMFY_CLIENT (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->job_list));
}

/**
 * lk_comfy_client_set_timings:
 * @self: a #LkComfyClient
 * @reconnect_ms: the first delay before reconnecting (doubling up to 30 s); 0 keeps the
 *   current one
 * @watchdog_s: after this many seconds without a message while jobs run, they are checked
 *   over HTTP; 0 keeps the current value
 * @lost_after_s: jobs on a server unreachable this long become lost; 0 keeps the current value
 *
 * Defaults: 250 ms, 20 s, 10 minutes. Tests shorten them.
 */
void
lk_comfy_client_set_timings (LkComfyClient *self,
                             guint          reconnect_ms,
                             guint          watchdog_s,
                             guint          lost_after_s)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  if (reconnect_ms > 0)
    lk_backoff_init (&self->backoff, reconnect_ms, MAX (MAX_RECONNECT_MS, reconnect_ms));
  if (watchdog_s > 0)
    self->watchdog_s = watchdog_s;
  if (lost_after_s > 0)
    self->lost_after_s = lost_after_s;

  _lk_comfy_client_socket_update_watchdog (self);
}

/**
 * lk_comfy_client_set_object_info_max_age:
 * @self: a #LkComfyClient
 * @seconds: how long a fetched `/object_info` is reused (default 10 minutes)
 */
void
lk_comfy_client_set_object_info_max_age (LkComfyClient *self,
                                         guint          seconds)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));
  self->object_info_max_age_s = seconds;
}

/**
 * lk_comfy_client_connect:
 * @self: a #LkComfyClient
 *
 * Opens the WebSocket and keeps it open: when it drops it is opened again with backoff, and
 * every followed job is then checked against `/history` and `/queue`. Watch the `state`
 * property.
 */
void
lk_comfy_client_connect (LkComfyClient *self)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  if (self->active)
    return;

  self->active = TRUE;
  _lk_comfy_client_set_state (self, LK_COMFY_SERVER_CONNECTING);
  _lk_comfy_client_socket_start (self);
}

/**
 * lk_comfy_client_disconnect:
 * @self: a #LkComfyClient
 *
 * Closes the WebSocket and stops reconnecting. Followed jobs stay as they are.
 */
void
lk_comfy_client_disconnect (LkComfyClient *self)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  self->active = FALSE;
  _lk_comfy_client_socket_stop (self);
  _lk_comfy_client_set_state (self, LK_COMFY_SERVER_DISCONNECTED);
}

/**
 * lk_comfy_client_retry:
 * @self: a #LkComfyClient
 *
 * Connects now instead of after the backoff delay, because a job is waiting. Connects for the
 * first time if lk_comfy_client_connect() was not called.
 */
void
lk_comfy_client_retry (LkComfyClient *self)
{
  g_return_if_fail (LK_IS_COMFY_CLIENT (self));

  if (!self->active)
    lk_comfy_client_connect (self);
  else
    _lk_comfy_client_socket_retry_now (self);
}

void
_lk_comfy_client_set_state (LkComfyClient      *self,
                            LkComfyServerState  state)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  if (self->state == state)
    return;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
    {
      g_autofree char *name = g_enum_to_string (LK_TYPE_COMFY_SERVER_STATE, state);

      g_debug ("%s: %s", self->url, name);
    }
  self->state = state;
  notify (self, CLIENT_PROP_STATE);
}

void
_lk_comfy_client_set_queue_remaining (LkComfyClient *self,
                                      int            queue_remaining)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  if (self->queue_remaining == queue_remaining)
    return;

  self->queue_remaining = queue_remaining;
  notify (self, CLIENT_PROP_QUEUE_REMAINING);
}

void
_lk_comfy_client_set_last_error (LkComfyClient *self,
                                 const GError  *error)
{
  g_assert (LK_IS_COMFY_CLIENT (self));

  if (self->last_error == NULL && error == NULL)
    return;
  if (self->last_error != NULL && error != NULL
      && g_error_matches (self->last_error, error->domain, error->code)
      && g_str_equal (self->last_error->message, error->message))
    return;

  g_clear_error (&self->last_error);
  self->last_error = error ? g_error_copy (error) : NULL;
  notify (self, CLIENT_PROP_LAST_ERROR);
}

void
_lk_comfy_client_set_stats (LkComfyClient      *self,
                            LkComfySystemStats *stats)
{
  g_autoptr(LkComfySystemStats) old = NULL;

  g_assert (LK_IS_COMFY_CLIENT (self));

  old = g_steal_pointer (&self->stats);
  self->stats = stats;

  g_object_freeze_notify (G_OBJECT (self));
  if (old == NULL || g_strcmp0 (old->comfyui_version, stats->comfyui_version) != 0)
    notify (self, CLIENT_PROP_VERSION);
  if (old == NULL || g_strcmp0 (old->gpu_name, stats->gpu_name) != 0)
    notify (self, CLIENT_PROP_GPU_NAME);
  if (old == NULL || old->vram_total != stats->vram_total)
    notify (self, CLIENT_PROP_VRAM_TOTAL);
  if (old == NULL || old->vram_free != stats->vram_free)
    notify (self, CLIENT_PROP_VRAM_FREE);
  g_object_thaw_notify (G_OBJECT (self));
}
