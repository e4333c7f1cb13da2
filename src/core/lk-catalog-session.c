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

#include "lk-catalog-session-private.h"
#include "lk-conninfo.h"
#include "lk-local-server.h"
#include "lk-util.h"

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

/* State ---------------------------------------------------------------------------------- */

void
_lk_catalog_session_set_state (LkCatalogSession      *self,
                               LkCatalogSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_lk_catalog_session_set_error (LkCatalogSession *self,
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

void
_lk_catalog_session_set_next_retry (LkCatalogSession *self,
                                    gint64            next_retry)
{
  if (self->next_retry == next_retry)
    return;

  self->next_retry = next_retry;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_RETRY]);
}

/* The attempt in flight, if any; "busy" follows it. */
void
_lk_catalog_session_set_attempt (LkCatalogSession *self,
                                 GCancellable     *attempt)
{
  gboolean was_busy = self->attempt != NULL;

  g_set_object (&self->attempt, attempt);
  if (was_busy != (attempt != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_lk_catalog_session_cancel_retry (LkCatalogSession *self)
{
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  _lk_catalog_session_set_next_retry (self, 0);
}

/* The state of an open catalog follows the catalog's own properties. */
void
_lk_catalog_session_update_from_catalog (LkCatalogSession *self)
{
  g_assert (LK_IS_CATALOG_SESSION (self));

  if (self->catalog == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (!lk_catalog_get_connected (self->catalog))
    {
      const GError *error = lk_catalog_get_error (self->catalog);

      if (error != NULL)
        _lk_catalog_session_set_error (self, error);
      _lk_catalog_session_set_state (self, LK_CATALOG_SESSION_STATE_OFFLINE);
    }
  else
    {
      _lk_catalog_session_set_error (self, NULL);
      set_notice (self, lk_catalog_get_read_only (self->catalog)
                          ? lk_catalog_get_notice (self->catalog) : NULL);
      _lk_catalog_session_set_state (self, lk_catalog_get_read_only (self->catalog)
                         ? LK_CATALOG_SESSION_STATE_READ_ONLY
                         : LK_CATALOG_SESSION_STATE_CONNECTED);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
_lk_catalog_session_set_catalog (LkCatalogSession *self,
                                 LkCatalog        *catalog)
{
  static const char * const followed[] = {
    "notify::connected", "notify::read-only", "notify::notice", "notify::error",
  };
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
      for (guint i = 0; i < G_N_ELEMENTS (followed); i++)
        g_signal_connect_object (catalog, followed[i],
                                 G_CALLBACK (_lk_catalog_session_update_from_catalog), self,
                                 G_CONNECT_SWAPPED);
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
void
_lk_catalog_session_leave_server_in_background (LkLocalServer *server)
{
  lk_local_server_stop_async (server, NULL, left_server_cb, NULL);
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
      _lk_catalog_session_set_attempt (self, NULL);
    }
  _lk_catalog_session_cancel_retry (self);
  _lk_catalog_session_set_catalog (self, NULL);
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
        _lk_catalog_session_leave_server_in_background (unused_server);
      set_notice (self, NULL);
      _lk_catalog_session_start_attempt (self, TRUE);
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

  _lk_catalog_session_start_attempt (self, TRUE);
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
  _lk_catalog_session_start_attempt (self, TRUE);
}

static void
lk_catalog_session_dispose (GObject *object)
{
  LkCatalogSession *self = LK_CATALOG_SESSION (object);
  g_autoptr(LkLocalServer) server = NULL;

  /* Without lk_catalog_session_shutdown() the server is left by whoever ends last. */
  self->shut_down = TRUE;
  if ((server = stop_everything (self, TRUE)) != NULL)
    _lk_catalog_session_leave_server_in_background (server);

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
