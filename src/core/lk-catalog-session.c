/* lk-catalog-session.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-catalog-session.h"
#include "lk-conninfo.h"
#include "lk-local-server.h"
#include "lk-util.h"

/* Seconds between automatic attempts to open a catalog that could not be reached; the last
 * one repeats. */
static const guint retry_delays_s[] = { 1, 2, 5, 10, 30 };

struct _LkCatalogSession
{
  GObject                parent_instance;

  /* Owned */
  char                  *conninfo;
  char                  *description;
  LkCatalog             *catalog;
  LkLocalServer         *local_server;
  GCancellable          *attempt;
  GError                *error;
  char                  *notice;
  GMainContext          *context;
  GSource               *retry_source;

  gint64                 next_retry;
  guint                  n_failures;
  LkCatalogSessionState  state;
  guint                  shut_down : 1;
};

G_DEFINE_FINAL_TYPE (LkCatalogSession, lk_catalog_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LkCatalogSessionState, lk_catalog_session_state,
  G_DEFINE_ENUM_VALUE (LK_CATALOG_SESSION_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (LK_CATALOG_SESSION_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (LK_CATALOG_SESSION_STATE_READ_ONLY, "read-only"),
  G_DEFINE_ENUM_VALUE (LK_CATALOG_SESSION_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (LK_CATALOG_SESSION_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_CONNINFO,
  PROP_EMBEDDED,
  PROP_STATE,
  PROP_CATALOG,
  PROP_ERROR,
  PROP_NOTICE,
  PROP_DESCRIPTION,
  PROP_NEXT_RETRY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_attempt (LkCatalogSession *self,
                           gboolean          by_user);

/* One attempt to open the catalog: it is stale once the session cancelled it (a new
 * connection string, or shutting down). */
typedef struct
{
  LkCatalogSession *self;
  GCancellable     *cancellable;
  LkCatalog        *catalog;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_clear_object (&attempt->self);
  g_clear_object (&attempt->cancellable);
  if (attempt->catalog != NULL)
    lk_catalog_close (attempt->catalog);
  g_clear_object (&attempt->catalog);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

static gboolean
attempt_is_current (Attempt *attempt)
{
  return attempt->self->attempt == attempt->cancellable
         && !g_cancellable_is_cancelled (attempt->cancellable);
}

/* State ---------------------------------------------------------------------------------- */

static void
set_state (LkCatalogSession      *self,
           LkCatalogSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (LkCatalogSession *self,
           const GError     *error)
{
  if (self->error == error)
    return;
  if (self->error != NULL && error != NULL && g_error_matches (self->error, error->domain, error->code)
      && g_strcmp0 (self->error->message, error->message) == 0)
    return;

  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_notice (LkCatalogSession *self,
            const char       *notice)
{
  if (lk_set_str (&self->notice, notice))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

static void
set_next_retry (LkCatalogSession *self,
                gint64            next_retry)
{
  if (self->next_retry == next_retry)
    return;

  self->next_retry = next_retry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_RETRY]);
}

/* The attempt in flight, if any; "busy" follows it. */
static void
set_attempt (LkCatalogSession *self,
             GCancellable     *attempt)
{
  gboolean was_busy = self->attempt != NULL;

  g_set_object (&self->attempt, attempt);
  if (was_busy != (attempt != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_retry (LkCatalogSession *self)
{
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  set_next_retry (self, 0);
}

/* The state of an open catalog follows the catalog's own properties. */
static void
update_from_catalog (LkCatalogSession *self)
{
  g_assert (LK_IS_CATALOG_SESSION (self));

  if (self->catalog == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (!lk_catalog_get_connected (self->catalog))
    {
      const GError *error = lk_catalog_get_error (self->catalog);

      if (error != NULL)
        set_error (self, error);
      set_state (self, LK_CATALOG_SESSION_STATE_OFFLINE);
    }
  else
    {
      set_error (self, NULL);
      set_notice (self, lk_catalog_get_read_only (self->catalog)
                          ? lk_catalog_get_notice (self->catalog) : NULL);
      set_state (self, lk_catalog_get_read_only (self->catalog)
                         ? LK_CATALOG_SESSION_STATE_READ_ONLY
                         : LK_CATALOG_SESSION_STATE_CONNECTED);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_catalog (LkCatalogSession *self,
             LkCatalog        *catalog)
{
  g_autoptr(LkCatalog) old = NULL;

  if (self->catalog == catalog)
    return;

  old = g_steal_pointer (&self->catalog);
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      lk_catalog_close (old);
    }

  if (catalog != NULL)
    {
      self->catalog = g_object_ref (catalog);
      g_signal_connect_object (catalog, "notify::connected",
                               G_CALLBACK (update_from_catalog), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (catalog, "notify::read-only",
                               G_CALLBACK (update_from_catalog), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (catalog, "notify::notice",
                               G_CALLBACK (update_from_catalog), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (catalog, "notify::error",
                               G_CALLBACK (update_from_catalog), self, G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

/* The local server ----------------------------------------------------------------------- */

static void
left_server_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lk_local_server_stop_finish (LK_LOCAL_SERVER (object), result, &error))
    g_warning ("Could not stop Lorakeet’s own database: %s", error->message);
}

/* Leaves a server this session no longer needs, off the main thread (pg_ctl waits). */
static void
leave_server_in_background (LkLocalServer *server)
{
  lk_local_server_stop_async (server, NULL, left_server_cb, NULL);
}

/* Attempts ------------------------------------------------------------------------------- */

static gboolean
retry_timeout_cb (gpointer user_data)
{
  LkCatalogSession *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  set_next_retry (self, 0);
  start_attempt (self, FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
error_is_transient (const GError *error)
{
  return g_error_matches (error, LK_CATALOG_ERROR, LK_CATALOG_ERROR_UNREACHABLE);
}

static void
attempt_failed (Attempt      *attempt,
                const GError *error)
{
  LkCatalogSession *self = attempt->self;
  guint delay_s;

  set_attempt (self, NULL);

  /* An offline catalog keeps reconnecting by itself and keeps its own error. */
  if (self->catalog != NULL)
    {
      g_debug ("retrying the offline catalog failed: %s", error->message);
      update_from_catalog (self);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_error (self, error);
  set_state (self, LK_CATALOG_SESSION_STATE_FAILED);

  if (error_is_transient (error))
    {
      delay_s = retry_delays_s[MIN (self->n_failures, G_N_ELEMENTS (retry_delays_s) - 1)];
      self->n_failures++;
      g_debug ("opening the catalog failed (%u times), next attempt in %u s: %s",
               self->n_failures, delay_s, error->message);

      self->retry_source = g_timeout_source_new (delay_s * 1000);
      g_source_set_callback (self->retry_source, retry_timeout_cb, self, NULL);
      g_source_attach (self->retry_source, self->context);
      set_next_retry (self, g_get_monotonic_time () + (gint64)delay_s * G_USEC_PER_SEC);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
catalog_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  LkCatalogSession *self = attempt->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = lk_catalog_open_finish (LK_CATALOG (object), result, &error);

  if (!attempt_is_current (attempt))
    return;

  if (!ok)
    {
      attempt_failed (attempt, error);
      return;
    }

  set_attempt (self, NULL);
  self->n_failures = 0;

  g_object_freeze_notify (G_OBJECT (self));
  set_catalog (self, attempt->catalog);
  g_clear_object (&attempt->catalog);
  update_from_catalog (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
open_catalog (Attempt    *attempt,
              const char *conninfo)
{
  attempt->catalog = lk_catalog_new (conninfo);
  lk_catalog_open_async (attempt->catalog, LK_CATALOG_OPEN_MIGRATE, attempt->cancellable,
                         catalog_opened_cb, attempt);
}

static void
local_server_started_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  LkCatalogSession *self = attempt->self;
  LkLocalServer *server = LK_LOCAL_SERVER (object);
  g_autoptr(GError) error = NULL;
  gboolean ok = lk_local_server_start_finish (server, result, &error);

  if (!attempt_is_current (attempt))
    {
      /* Started for a session that meanwhile moved on (stop_everything() let go of it
       * while it was starting): leave it again. */
      if (self->local_server != server && lk_local_server_get_conninfo (server) != NULL)
        leave_server_in_background (server);
      return;
    }

  if (!ok)
    {
      g_clear_object (&self->local_server);
      attempt_failed (attempt, error);
      return;
    }

  g_debug ("Lorakeet’s own database is at %s (%s)", lk_local_server_get_conninfo (server),
           lk_local_server_get_reused (server) ? "joined" : "started");
  open_catalog (g_steal_pointer (&attempt), lk_local_server_get_conninfo (server));
}

static void
start_attempt (LkCatalogSession *self,
               gboolean          by_user)
{
  g_autoptr(GError) error = NULL;
  Attempt *attempt;

  g_assert (LK_IS_CATALOG_SESSION (self));

  if (self->shut_down || self->attempt != NULL)
    return;

  cancel_retry (self);

  if (self->catalog == NULL && (by_user || self->state != LK_CATALOG_SESSION_STATE_FAILED))
    {
      g_object_freeze_notify (G_OBJECT (self));
      set_error (self, NULL);
      set_state (self, LK_CATALOG_SESSION_STATE_CONNECTING);
      g_object_thaw_notify (G_OBJECT (self));
    }

  attempt = g_new0 (Attempt, 1);
  attempt->self = g_object_ref (self);
  attempt->cancellable = g_cancellable_new ();
  set_attempt (self, attempt->cancellable);

  if (!lk_conninfo_check (self->conninfo, &error))
    {
      attempt_failed (attempt, error);
      attempt_free (attempt);
      return;
    }

  if (self->conninfo != NULL)
    open_catalog (attempt, self->conninfo);
  else if (self->local_server != NULL && lk_local_server_get_conninfo (self->local_server))
    open_catalog (attempt, lk_local_server_get_conninfo (self->local_server));
  else
    {
      if (self->local_server == NULL)
        self->local_server = lk_local_server_new (NULL);
      lk_local_server_start_async (self->local_server, attempt->cancellable,
                                   local_server_started_cb, attempt);
    }
}

/* Stops whatever is in flight and closes the catalog; returns the local server when it is no
 * longer needed (or @drop_server), for the caller to leave. */
static LkLocalServer *
stop_everything (LkCatalogSession *self,
                 gboolean          drop_server)
{
  if (self->attempt != NULL)
    {
      g_cancellable_cancel (self->attempt);
      set_attempt (self, NULL);
    }
  cancel_retry (self);
  set_catalog (self, NULL);
  self->n_failures = 0;

  if (drop_server || self->conninfo != NULL)
    {
      LkLocalServer *server = g_steal_pointer (&self->local_server);

      /* A server still starting is left by its callback. */
      if (server != NULL && lk_local_server_get_conninfo (server) == NULL)
        g_clear_object (&server);
      return server;
    }

  return NULL;
}

/* Public API ----------------------------------------------------------------------------- */

LkCatalogSession *
lk_catalog_session_new (const char *conninfo)
{
  return g_object_new (LK_TYPE_CATALOG_SESSION,
                       "conninfo", conninfo,
                       NULL);
}

const char *
lk_catalog_session_get_conninfo (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), NULL);

  return self->conninfo;
}

void
lk_catalog_session_set_conninfo (LkCatalogSession *self,
                                 const char       *conninfo)
{
  g_autoptr(LkLocalServer) unused_server = NULL;
  gboolean was_embedded;

  g_return_if_fail (LK_IS_CATALOG_SESSION (self));

  if (conninfo != NULL && conninfo[0] == '\0')
    conninfo = NULL;

  was_embedded = self->conninfo == NULL;
  if (!lk_set_str (&self->conninfo, conninfo))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNINFO]);
  if (was_embedded != (conninfo == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMBEDDED]);

  g_free (self->description);
  self->description = lk_conninfo_describe (self->conninfo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);

  /* During construction there is nothing to stop yet; constructed() starts. */
  if (self->context != NULL)
    {
      if ((unused_server = stop_everything (self, FALSE)) != NULL)
        leave_server_in_background (unused_server);
      set_notice (self, NULL);
      start_attempt (self, TRUE);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lk_catalog_session_get_embedded (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), FALSE);

  return self->conninfo == NULL;
}

LkCatalogSessionState
lk_catalog_session_get_state (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), LK_CATALOG_SESSION_STATE_FAILED);

  return self->state;
}

LkCatalog *
lk_catalog_session_get_catalog (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), NULL);

  return self->catalog;
}

const GError *
lk_catalog_session_get_error (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), NULL);

  return self->error;
}

const char *
lk_catalog_session_get_notice (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), NULL);

  return self->notice;
}

const char *
lk_catalog_session_get_description (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), NULL);

  return self->description;
}

gint64
lk_catalog_session_get_next_retry (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), 0);

  return self->next_retry;
}

gboolean
lk_catalog_session_get_busy (LkCatalogSession *self)
{
  g_return_val_if_fail (LK_IS_CATALOG_SESSION (self), FALSE);

  return self->attempt != NULL;
}

void
lk_catalog_session_retry (LkCatalogSession *self)
{
  g_return_if_fail (LK_IS_CATALOG_SESSION (self));

  if (self->state != LK_CATALOG_SESSION_STATE_FAILED
      && self->state != LK_CATALOG_SESSION_STATE_OFFLINE)
    return;

  start_attempt (self, TRUE);
}

static void
shutdown_server_left_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_local_server_stop_finish (LK_LOCAL_SERVER (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lk_catalog_session_shutdown_async (LkCatalogSession    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(LkLocalServer) server = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CATALOG_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self->shut_down = TRUE;
  server = stop_everything (self, TRUE);

  if (server == NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, lk_catalog_session_shutdown_async);
      g_task_return_boolean (task, TRUE);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_catalog_session_shutdown_async);
  lk_local_server_stop_async (server, cancellable, shutdown_server_left_cb,
                              g_steal_pointer (&task));
}

gboolean
lk_catalog_session_shutdown_finish (LkCatalogSession  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
shutdown_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
lk_catalog_session_shutdown (LkCatalogSession *self)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_CATALOG_SESSION (self));

  lk_catalog_session_shutdown_async (self, NULL, shutdown_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (self->context, TRUE);

  if (!lk_catalog_session_shutdown_finish (self, result, &error))
    g_warning ("Could not stop Lorakeet’s own database: %s", error->message);
}

/* Object --------------------------------------------------------------------------------- */

static void
lk_catalog_session_constructed (GObject *object)
{
  LkCatalogSession *self = LK_CATALOG_SESSION (object);

  G_OBJECT_CLASS (lk_catalog_session_parent_class)->constructed (object);

  if (self->description == NULL)
    self->description = lk_conninfo_describe (self->conninfo);
  self->context = g_main_context_ref_thread_default ();
  start_attempt (self, TRUE);
}

static void
lk_catalog_session_dispose (GObject *object)
{
  LkCatalogSession *self = LK_CATALOG_SESSION (object);
  g_autoptr(LkLocalServer) server = NULL;

  /* Without lk_catalog_session_shutdown() the server is left by whoever ends last. */
  self->shut_down = TRUE;
  if ((server = stop_everything (self, TRUE)) != NULL)
    leave_server_in_background (server);

  G_OBJECT_CLASS (lk_catalog_session_parent_class)->dispose (object);
}

static void
lk_catalog_session_finalize (GObject *object)
{
  LkCatalogSession *self = LK_CATALOG_SESSION (object);

  g_clear_pointer (&self->conninfo, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (lk_catalog_session_parent_class)->finalize (object);
}

static void
lk_catalog_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkCatalogSession *self = LK_CATALOG_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, self->conninfo);
      break;

    case PROP_EMBEDDED:
      g_value_set_boolean (value, self->conninfo == NULL);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_NEXT_RETRY:
      g_value_set_int64 (value, self->next_retry);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->attempt != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_session_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkCatalogSession *self = LK_CATALOG_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      lk_catalog_session_set_conninfo (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_catalog_session_class_init (LkCatalogSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lk_catalog_session_constructed;
  object_class->dispose = lk_catalog_session_dispose;
  object_class->finalize = lk_catalog_session_finalize;
  object_class->get_property = lk_catalog_session_get_property;
  object_class->set_property = lk_catalog_session_set_property;

  /* A construct property, so that constructed() already knows it: set afterwards, a studio
   * catalog would first start looking for (and starting) Lorakeet's own server. */
  properties[PROP_CONNINFO] =
    g_param_spec_string ("conninfo", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMBEDDED] =
    g_param_spec_boolean ("embedded", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LK_TYPE_CATALOG_SESSION_STATE,
                       LK_CATALOG_SESSION_STATE_CONNECTING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LK_TYPE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_RETRY] =
    g_param_spec_int64 ("next-retry", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_catalog_session_init (LkCatalogSession *self)
{
  self->state = LK_CATALOG_SESSION_STATE_CONNECTING;
}
