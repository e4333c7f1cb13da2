/* lk-application.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-application.h"
#include "lk-consistency-monitor.h"
#include "lk-preferences-window.h"
#include "lk-secret-store.h"
#include "lk-settings.h"
#include "lk-window.h"

struct _LkApplication
{
  AdwApplication    parent_instance;

  /* Owned */
  GSettings        *settings;
  LkCatalogSession *session;
  LkServerPool     *pool;
  LkGenerator      *generator;
  LkConsistencyMonitor *consistency_monitor;
  LkThumbnailer    *thumbnailer;
  char             *db_override;

  guint             has_db_override : 1;
};

G_DEFINE_FINAL_TYPE (LkApplication, lk_application, ADW_TYPE_APPLICATION)

enum { PROP_0, PROP_GENERATOR, N_PROPS };
static GParamSpec *properties[N_PROPS];

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

LkServerPool *
lk_application_get_server_pool (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  return self->pool;
}

LkGenerator *
lk_application_get_generator (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  return self->generator;
}

LkThumbnailer *
lk_application_get_thumbnailer (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  if (self->thumbnailer == NULL)
    self->thumbnailer = lk_thumbnailer_new (NULL);

  return self->thumbnailer;
}

LkThumbnailer *
lk_application_dup_default_thumbnailer (void)
{
  GApplication *app = g_application_get_default ();

  if (LK_IS_APPLICATION (app))
    return g_object_ref (lk_application_get_thumbnailer (LK_APPLICATION (app)));

  return lk_thumbnailer_new (NULL);
}

/* LORAKEET_COMFYUI (comma-separated, as lorakeet-cli reads it) wins over the preference, so a
 * script or a test can point the application at its own server. */
static void
lk_application_sync_servers (LkApplication *self)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) configured = NULL;
  const char *env = g_getenv ("LORAKEET_COMFYUI");

  g_assert (LK_IS_APPLICATION (self));

  if (env != NULL && *env != '\0')
    configured = g_strsplit (env, ",", -1);
  else
    configured = g_settings_get_strv (self->settings, LK_SETTINGS_COMFYUI_SERVERS);

  for (guint i = 0; configured[i] != NULL; i++)
    if (*g_strstrip (configured[i]) != '\0')
      g_ptr_array_add (urls, g_strdup (configured[i]));
  g_ptr_array_add (urls, NULL);

  /* Preferences check each address as it is typed; one that slipped through (an edited
   * keyfile) leaves the servers as they were, and says why in the log. */
  if (!lk_server_pool_set_urls (self->pool, (const char * const *) urls->pdata, &error))
    g_warning ("%s", error->message);
}

static void
comfyui_servers_changed_cb (LkApplication *self,
                            const char    *key,
                            GSettings     *settings)
{
  lk_application_sync_servers (self);
}

/* An empty output folder means the generator's default: outputs are downloaded from the
 * server into Lorakeet's cache. */
static void
lk_application_configure_generator (LkApplication *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *pattern = NULL;

  g_assert (LK_IS_APPLICATION (self));

  if (self->generator == NULL)
    return;

  folder = g_settings_get_string (self->settings, LK_SETTINGS_OUTPUT_FOLDER);
  pattern = g_settings_get_string (self->settings, LK_SETTINGS_OUTPUT_NAME_PATTERN);
  lk_generator_set_output_dir (self->generator, *folder != '\0' ? folder : NULL);
  lk_generator_set_output_pattern (self->generator, *pattern != '\0' ? pattern : NULL);
}

static void
generator_setting_changed_cb (LkApplication *self,
                              const char    *key,
                              GSettings     *settings)
{
  lk_application_configure_generator (self);
}

/* One generator per catalog: a new catalog (another database, or the same one reconnected)
 * gets a new generator, so that no job is recorded in a catalog it did not come from. */
static void
session_catalog_changed_cb (LkApplication *self)
{
  LkCatalog *catalog = lk_catalog_session_get_catalog (self->session);

  g_assert (LK_IS_APPLICATION (self));

  if (self->generator != NULL && lk_generator_get_catalog (self->generator) == catalog)
    return;
  if (self->generator == NULL && catalog == NULL)
    return;

  g_clear_object (&self->consistency_monitor);
  g_clear_object (&self->generator);
  if (catalog != NULL)
    {
      self->generator = lk_generator_new (catalog, self->pool);
      /* Every new frame gets its consistency score against the character's references. */
      self->consistency_monitor = lk_consistency_monitor_new (self->generator);
      lk_application_configure_generator (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATOR]);
}

static void
lk_application_start_generation (LkApplication *self)
{
  g_assert (LK_IS_APPLICATION (self));
  g_assert (LK_IS_CATALOG_SESSION (self->session));

  self->pool = lk_server_pool_new ();
  lk_application_sync_servers (self);
  g_signal_connect_object (self->settings, "changed::" LK_SETTINGS_COMFYUI_SERVERS,
                           G_CALLBACK (comfyui_servers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::" LK_SETTINGS_OUTPUT_FOLDER,
                           G_CALLBACK (generator_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::" LK_SETTINGS_OUTPUT_NAME_PATTERN,
                           G_CALLBACK (generator_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::catalog",
                           G_CALLBACK (session_catalog_changed_cb), self, G_CONNECT_SWAPPED);
  session_catalog_changed_cb (self);
}

static void
conninfo_completed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LkApplication) self = user_data;
  g_autofree char *conninfo = lk_secret_store_complete_conninfo_finish (result);

  if (self->session != NULL && conninfo != NULL
      && g_strcmp0 (conninfo, lk_catalog_session_get_conninfo (self->session)) != 0)
    lk_catalog_session_set_conninfo (self->session, conninfo);
}

/* The preference never holds the password: the keyring adds it, when it has one. A missing
 * or locked keyring leaves the connection string as it is (~/.pgpass and PG* still work). */
static void
lk_application_complete_conninfo (LkApplication *self,
                                  const char    *conninfo)
{
  if (conninfo == NULL || *conninfo == '\0')
    return;

  lk_secret_store_complete_conninfo_async (conninfo, NULL, conninfo_completed_cb,
                                           g_object_ref (self));
}

static void
database_conninfo_changed_cb (LkApplication *self,
                              const char    *key,
                              GSettings     *settings)
{
  g_autofree char *conninfo = g_settings_get_string (settings, LK_SETTINGS_DATABASE_CONNINFO);

  g_assert (LK_IS_APPLICATION (self));

  lk_catalog_session_set_conninfo (self->session, conninfo);
  lk_application_complete_conninfo (self, conninfo);
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
  if (!self->has_db_override && g_getenv ("LORAKEET_DB") == NULL)
    lk_application_complete_conninfo (self, conninfo);
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
  static const char *generate_accels[] = { "<Control>Return", "<Control>KP_Enter", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  LkApplication *self = LK_APPLICATION (app);

  G_APPLICATION_CLASS (lk_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  lk_application_start_session (self);
  lk_application_start_generation (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.generate",
                                         generate_accels);
  /* GtkApplication sets this one only for a gtk/help-overlay.ui resource; LkWindow builds the
   * shortcuts window itself, when first shown. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

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
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->consistency_monitor);
  g_clear_object (&self->generator);
  g_clear_object (&self->pool);

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

/* The default action of job notifications: back to the window the artist left. */
static void
lk_application_present_window_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "present-window", lk_application_present_window_action },
  { "quit", lk_application_quit_action },
  { "preferences", lk_application_preferences_action },
  { "about", lk_application_about_action },
};

static void
lk_application_dispose (GObject *object)
{
  LkApplication *self = LK_APPLICATION (object);

  g_clear_object (&self->consistency_monitor);
  g_clear_object (&self->generator);
  g_clear_object (&self->pool);
  g_clear_object (&self->thumbnailer);
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
lk_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkApplication *self = LK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_GENERATOR:
      g_value_set_object (value, self->generator);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_application_class_init (LkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lk_application_dispose;
  object_class->finalize = lk_application_finalize;
  object_class->get_property = lk_application_get_property;

  /**
   * LkApplication:generator:
   *
   * The generation flow on the current catalog, %NULL while none is open.
   */
  properties[PROP_GENERATOR] =
    g_param_spec_object ("generator", NULL, NULL, LK_TYPE_GENERATOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
