/* lk-application.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-application.h"
#include "lk-preferences-window.h"
#include "lk-settings.h"
#include "lk-window.h"

struct _LkApplication
{
  AdwApplication    parent_instance;

  /* Owned */
  GSettings        *settings;
  LkCatalogSession *session;
  char             *db_override;

  guint             has_db_override : 1;
};

G_DEFINE_FINAL_TYPE (LkApplication, lk_application, ADW_TYPE_APPLICATION)

LkApplication *
lk_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;
  g_autoptr(GDBusConnection) bus = NULL;

  /* Registering needs a session bus; without one GApplication would refuse to run. */
  if (!(bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)))
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (LK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
lk_application_get_settings (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  return self->settings;
}

LkCatalogSession *
lk_application_get_session (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  return self->session;
}

static void
database_conninfo_changed_cb (LkApplication *self,
                              const char    *key,
                              GSettings     *settings)
{
  g_autofree char *conninfo = g_settings_get_string (settings, LK_SETTINGS_DATABASE_CONNINFO);

  g_assert (LK_IS_APPLICATION (self));

  lk_catalog_session_set_conninfo (self->session, conninfo);
}

/* --db wins over LORAKEET_DB, which wins over the preference; without any of them Lorakeet
 * uses its own database. Only the preference is followed while running. */
static void
lk_application_start_session (LkApplication *self)
{
  g_autofree char *conninfo = NULL;

  if (self->has_db_override)
    conninfo = g_strdup (self->db_override);
  else if (g_getenv ("LORAKEET_DB") != NULL)
    conninfo = g_strdup (g_getenv ("LORAKEET_DB"));
  else
    {
      conninfo = g_settings_get_string (self->settings, LK_SETTINGS_DATABASE_CONNINFO);
      g_signal_connect_object (self->settings, "changed::" LK_SETTINGS_DATABASE_CONNINFO,
                               G_CALLBACK (database_conninfo_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->session = lk_catalog_session_new (conninfo);
}

static int
lk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  LkApplication *self = LK_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "&s", &db))
    {
      g_free (self->db_override);
      self->db_override = g_strdup (db);
      self->has_db_override = TRUE;
    }

  /* Go on with the default processing (registering, activating). */
  return -1;
}

static void
lk_application_activate (GApplication *app)
{
  LkApplication *self = LK_APPLICATION (app);
  GtkWindow *window;

  g_assert (LK_IS_APPLICATION (self));

  if (!(window = gtk_application_get_active_window (GTK_APPLICATION (self))))
    window = GTK_WINDOW (lk_window_new (self));

  gtk_window_present (window);
}

static void
lk_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  LkApplication *self = LK_APPLICATION (app);

  G_APPLICATION_CLASS (lk_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  lk_application_start_session (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  g_set_application_name (_("Lorakeet"));
  gtk_window_set_default_icon_name (APP_ID);
}

static void
lk_application_shutdown (GApplication *app)
{
  LkApplication *self = LK_APPLICATION (app);
  GList *windows;

  /* Windows go first, so that nothing looks frozen while the database stops. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  if (self->session != NULL)
    lk_catalog_session_shutdown (self->session);

  G_APPLICATION_CLASS (lk_application_parent_class)->shutdown (app);
}

static void
lk_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
lk_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LkPreferencesWindow *preferences = lk_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
lk_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Lorakeet authors", NULL };
  LkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Lorakeet"),
                        "developer-name", _("The Lorakeet authors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/lorakeet/lorakeet",
                        "issue-url", "https://github.com/lorakeet/lorakeet/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Lorakeet authors",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", lk_application_quit_action },
  { "preferences", lk_application_preferences_action },
  { "about", lk_application_about_action },
};

static void
lk_application_dispose (GObject *object)
{
  LkApplication *self = LK_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lk_application_parent_class)->dispose (object);
}

static void
lk_application_finalize (GObject *object)
{
  LkApplication *self = LK_APPLICATION (object);

  g_clear_pointer (&self->db_override, g_free);

  G_OBJECT_CLASS (lk_application_parent_class)->finalize (object);
}

static void
lk_application_class_init (LkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lk_application_dispose;
  object_class->finalize = lk_application_finalize;

  app_class->activate = lk_application_activate;
  app_class->startup = lk_application_startup;
  app_class->shutdown = lk_application_shutdown;
  app_class->handle_local_options = lk_application_handle_local_options;
}

static void
lk_application_init (LkApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  g_application_add_main_option (G_APPLICATION (self), "db", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("Use the studio catalog at CONNINFO (a PostgreSQL connection "
                                   "string; empty for Lorakeet’s own database) instead of the "
                                   "one in Preferences"),
                                 _("CONNINFO"));
}
