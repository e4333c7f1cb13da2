/* lk-preferences-window-servers.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lk-preferences-window-private.h"
#include "lk-server-row.h"
#include "lk-settings.h"

/* ComfyUI servers ------------------------------------------------------------------------ */

void
_lk_preferences_window_servers_changed_cb (LkPreferencesWindow *self)
{
  g_auto(GStrv) servers = g_settings_get_strv (self->settings, LK_SETTINGS_COMFYUI_SERVERS);

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (self->servers_group, g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);

  /* The add row stays last: remove it and put it back after the servers. */
  g_object_ref (self->add_server_row);
  g_object_ref (self->add_server_error);
  adw_preferences_group_remove (self->servers_group, GTK_WIDGET (self->add_server_row));
  adw_preferences_group_remove (self->servers_group, GTK_WIDGET (self->add_server_error));
  for (guint i = 0; servers[i] != NULL; i++)
    {
      GtkWidget *row = lk_server_row_new (servers[i]);

      adw_preferences_group_add (self->servers_group, row);
      g_ptr_array_add (self->server_rows, row);
    }
  adw_preferences_group_add (self->servers_group, GTK_WIDGET (self->add_server_row));
  adw_preferences_group_add (self->servers_group, GTK_WIDGET (self->add_server_error));
  g_object_unref (self->add_server_row);
  g_object_unref (self->add_server_error);
}

static void
show_add_error (LkPreferencesWindow *self,
                const char          *message)
{
  gtk_label_set_label (self->add_server_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_server_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_server_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_server_row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_server_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

/* The address as the server list keeps it, or %NULL with @error saying what to type. */
static char *
normalize_server_url (const char  *text,
                      GError     **error)
{
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  if (url[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Type the server’s address, such as http://127.0.0.1:8188."));
      return NULL;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address. Type it with http:// or https://, such "
                     "as http://127.0.0.1:8188."), url);
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” has a query or fragment; type only the server’s address, such as "
                     "http://127.0.0.1:8188."), url);
      return NULL;
    }

  return g_steal_pointer (&url);
}

void
_lk_preferences_window_add_server_applied_cb (LkPreferencesWindow *self,
                       AdwEntryRow         *row)
{
  g_auto(GStrv) servers = g_settings_get_strv (self->settings, LK_SETTINGS_COMFYUI_SERVERS);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (!(url = normalize_server_url (gtk_editable_get_text (GTK_EDITABLE (row)), &error)))
    {
      show_add_error (self, error->message);
      return;
    }
  if (g_strv_contains ((const char * const *)servers, url))
    {
      g_autofree char *message = g_strdup_printf (_("%s is already in the list."), url);

      show_add_error (self, message);
      return;
    }

  g_strv_builder_addv (builder, (const char **)servers);
  g_strv_builder_add (builder, url);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, LK_SETTINGS_COMFYUI_SERVERS,
                       (const char * const *)updated);

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  show_add_error (self, NULL);

  for (guint i = 0; i < self->server_rows->len; i++)
    {
      LkServerRow *server_row = g_ptr_array_index (self->server_rows, i);

      if (g_str_equal (lk_server_row_get_url (server_row), url))
        lk_server_row_test (server_row);
    }
}

void
_lk_preferences_window_add_server_changed_cb (LkPreferencesWindow *self)
{
  show_add_error (self, NULL);
}

void
_lk_preferences_window_remove_server_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (widget);
  g_auto(GStrv) servers = g_settings_get_strv (self->settings, LK_SETTINGS_COMFYUI_SERVERS);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  const char *url = g_variant_get_string (parameter, NULL);

  for (guint i = 0; servers[i] != NULL; i++)
    {
      if (!g_str_equal (servers[i], url))
        g_strv_builder_add (builder, servers[i]);
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, LK_SETTINGS_COMFYUI_SERVERS,
                       (const char * const *)updated);
}
