/* lk-catalog-session-attempt.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a session's catalog: one attempt at a time, stale once the session moves on, and
 * retried after a growing delay while the server cannot be reached.
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-catalog-session"

#include "config.h"

#include "lk-catalog-session-private.h"
#include "lk-conninfo.h"

/* Seconds between automatic attempts to open a catalog that could not be reached; the last
 * one repeats. */
static const guint retry_delays_s[] = { 1, 2, 5, 10, 30 };

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

static gboolean
retry_timeout_cb (gpointer user_data)
{
  LkCatalogSession *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  _lk_catalog_session_set_next_retry (self, 0);
  _lk_catalog_session_start_attempt (self, FALSE);

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

  _lk_catalog_session_set_attempt (self, NULL);

  /* An offline catalog keeps reconnecting by itself and keeps its own error. */
  if (self->catalog != NULL)
    {
      g_debug ("retrying the offline catalog failed: %s", error->message);
      _lk_catalog_session_update_from_catalog (self);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  _lk_catalog_session_set_error (self, error);
  _lk_catalog_session_set_state (self, LK_CATALOG_SESSION_STATE_FAILED);

  if (error_is_transient (error))
    {
      delay_s = retry_delays_s[MIN (self->n_failures, G_N_ELEMENTS (retry_delays_s) - 1)];
      self->n_failures++;
      g_debug ("opening the catalog failed (%u times), next attempt in %u s: %s",
               self->n_failures, delay_s, error->message);

      self->retry_source = g_timeout_source_new (delay_s * 1000);
      g_source_set_callback (self->retry_source, retry_timeout_cb, self, NULL);
      g_source_attach (self->retry_source, self->context);
      _lk_catalog_session_set_next_retry (self, g_get_monotonic_time ()
                                                + (gint64)delay_s * G_USEC_PER_SEC);
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

  _lk_catalog_session_set_attempt (self, NULL);
  self->n_failures = 0;

  g_object_freeze_notify (G_OBJECT (self));
  _lk_catalog_session_set_catalog (self, attempt->catalog);
  g_clear_object (&attempt->catalog);
  _lk_catalog_session_update_from_catalog (self);
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
        _lk_catalog_session_leave_server_in_background (server);
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

void
_lk_catalog_session_start_attempt (LkCatalogSession *self,
                                   gboolean          by_user)
{
  g_autoptr(GError) error = NULL;
  Attempt *attempt;

  g_assert (LK_IS_CATALOG_SESSION (self));

  if (self->shut_down || self->attempt != NULL)
    return;

  _lk_catalog_session_cancel_retry (self);

  if (self->catalog == NULL && (by_user || self->state != LK_CATALOG_SESSION_STATE_FAILED))
    {
      g_object_freeze_notify (G_OBJECT (self));
      _lk_catalog_session_set_error (self, NULL);
      _lk_catalog_session_set_state (self, LK_CATALOG_SESSION_STATE_CONNECTING);
      g_object_thaw_notify (G_OBJECT (self));
    }

  attempt = g_new0 (Attempt, 1);
  attempt->self = g_object_ref (self);
  attempt->cancellable = g_cancellable_new ();
  _lk_catalog_session_set_attempt (self, attempt->cancellable);

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
