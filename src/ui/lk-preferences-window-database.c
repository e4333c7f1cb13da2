/* lk-preferences-window-database.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-conninfo.h"
#include "lk-preferences-window-private.h"
#include "lk-secret-store.h"
#include "lk-settings.h"
#include "lk-status-icon.h"

/* Database ------------------------------------------------------------------------------- */

static void
show_connection_result (LkPreferencesWindow *self,
                        const char          *text,
                        gboolean             failed,
                        gboolean             testing)
{
  adw_action_row_set_subtitle (self->test_connection_row, text);
  lk_status_icon_show (self->test_connection_icon, testing ? LK_STATUS_NONE
                                                           : failed ? LK_STATUS_FAILED
                                                                    : LK_STATUS_OK);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_connection_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->test_connection_spinner), testing);
  gtk_spinner_set_spinning (self->test_connection_spinner, testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test-connection", !testing);
}

static char *
dup_conninfo (LkPreferencesWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row))));
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_secret_store_store_password_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_connection_result (self, error->message, TRUE, FALSE);
      return;
    }

  show_connection_result (self, _("The password is saved in the keyring."), FALSE, FALSE);
}

static void
store_password (LkPreferencesWindow *self,
                const char          *conninfo,
                const char          *password)
{
  lk_secret_store_store_password_async (conninfo, password, self->cancellable,
                                        password_stored_cb, g_object_ref (self));
}

void
_lk_preferences_window_conninfo_applied_cb (LkPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  g_autofree char *text = dup_conninfo (self);
  g_autofree char *password = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;

  if (text[0] != '\0' && !lk_conninfo_check (text, &error))
    {
      show_connection_result (self, error->message, TRUE, FALSE);
      return;
    }

  /* GSettings is readable by every program of the session: a typed password goes to the
   * keyring, and the rest is saved. */
  conninfo = lk_secret_store_split_password (text, &password);
  if (password != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->conninfo_row), conninfo);
      store_password (self, conninfo, password);
    }

  g_settings_set_string (self->settings, LK_SETTINGS_DATABASE_CONNINFO, conninfo);
}

void
_lk_preferences_window_password_applied_cb (LkPreferencesWindow *self,
                     AdwPasswordEntryRow *row)
{
  g_autofree char *conninfo = dup_conninfo (self);
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (conninfo[0] == '\0')
    {
      show_connection_result (self, _("Lorakeet’s own database needs no password. Type a "
                                      "connection string first."), TRUE, FALSE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  store_password (self, conninfo, password);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkPreferencesWindow) self = user_data;
  g_autoptr(LkCatalogStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  status = lk_catalog_get_status_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  lk_catalog_close (LK_CATALOG (object));
  if (status == NULL)
    {
      show_connection_result (self, error->message, TRUE, FALSE);
      return;
    }

  if (status->schema_version < status->latest_version)
    /* Translators: a successful connection test; %s are the server version and the
     * database, %d the catalog's schema versions. */
    text = g_strdup_printf (_("Connected to PostgreSQL %s (%s). The catalog is at version %d "
                              "of %d: Lorakeet will update it when it opens it."),
                            status->server_version, status->server, status->schema_version,
                            status->latest_version);
  else
    /* Translators: a successful connection test, such as "Connected to PostgreSQL 15.4
     * (db.studio:5432/anime): 2 projects, 5 characters". */
    text = g_strdup_printf (_("Connected to PostgreSQL %s (%s): %lld projects, %lld characters"),
                            status->server_version, status->server,
                            (long long)status->n_projects, (long long)status->n_characters);
  show_connection_result (self, text, FALSE, FALSE);
}

static void
test_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_catalog_open_finish (LK_CATALOG (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_connection_result (self, error->message, TRUE, FALSE);
      return;
    }

  lk_catalog_get_status_async (LK_CATALOG (object), self->test_cancellable, status_cb,
                               g_object_ref (self));
}

static void
open_test_catalog (LkPreferencesWindow *self,
                   const char          *conninfo)
{
  g_clear_object (&self->test_catalog);
  self->test_catalog = lk_catalog_new (conninfo);
  lk_catalog_open_async (self->test_catalog, LK_CATALOG_OPEN_NONE, self->test_cancellable,
                         test_opened_cb, g_object_ref (self));
}

static void
test_completed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkPreferencesWindow) self = user_data;
  g_autofree char *conninfo = lk_secret_store_complete_conninfo_finish (result);

  if (g_cancellable_is_cancelled (self->test_cancellable))
    return;
  open_test_catalog (self, conninfo);
}

void
_lk_preferences_window_test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (widget);
  g_autofree char *text = dup_conninfo (self);
  g_autofree char *conninfo = NULL;
  g_autofree char *typed_password = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  if (self->test_catalog != NULL)
    lk_catalog_close (self->test_catalog);

  if (text[0] == '\0')
    {
      show_connection_result (self, _("Lorakeet uses its own private database: there is no "
                                      "server to test. Type a connection string to use the "
                                      "studio’s."), FALSE, FALSE);
      return;
    }
  if (!lk_conninfo_check (text, &error))
    {
      show_connection_result (self, error->message, TRUE, FALSE);
      return;
    }

  self->test_cancellable = g_cancellable_new ();
  show_connection_result (self, _("Connecting…"), FALSE, TRUE);

  /* A password typed but not applied yet is tried as it is; otherwise the keyring's. */
  conninfo = lk_secret_store_split_password (text, &typed_password);
  if (password[0] == '\0')
    password = typed_password;
  if (password != NULL && password[0] != '\0')
    {
      g_autofree char *with_password = lk_secret_store_add_password (conninfo, password);

      open_test_catalog (self, with_password);
      return;
    }

  lk_secret_store_complete_conninfo_async (conninfo, self->test_cancellable, test_completed_cb,
                                           g_object_ref (self));
}
