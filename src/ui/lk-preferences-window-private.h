/* lk-preferences-window-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog.h"
#include "lk-preferences-window.h"

G_BEGIN_DECLS

struct _LkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *test_cancellable;
  LkCatalog            *test_catalog;
  GPtrArray            *server_rows;

  /* Template widgets */
  AdwEntryRow          *conninfo_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *test_connection_row;
  GtkSpinner           *test_connection_spinner;
  GtkImage             *test_connection_icon;
  AdwPreferencesGroup  *servers_group;
  AdwEntryRow          *add_server_row;
  GtkLabel             *add_server_error;
  AdwEntryRow          *output_folder_row;
  AdwEntryRow          *lora_folder_row;
  AdwEntryRow          *sd_scripts_folder_row;
  AdwEntryRow          *sd_scripts_python_row;
  AdwComboRow          *thumbnail_size_row;
  AdwEntryRow          *name_pattern_row;
  AdwActionRow         *name_example_row;
};

/* lk-preferences-window-database.c: the connection string, its password in the keyring and
 * the connection test. */
void _lk_preferences_window_conninfo_applied_cb    (LkPreferencesWindow *self,
                                                    AdwEntryRow         *row);
void _lk_preferences_window_password_applied_cb    (LkPreferencesWindow *self,
                                                    AdwPasswordEntryRow *row);
void _lk_preferences_window_test_connection_action (GtkWidget           *widget,
                                                    const char          *action_name,
                                                    GVariant            *parameter);

/* lk-preferences-window-servers.c: the list of ComfyUI servers. */
void _lk_preferences_window_servers_changed_cb     (LkPreferencesWindow *self);
void _lk_preferences_window_add_server_applied_cb  (LkPreferencesWindow *self,
                                                    AdwEntryRow         *row);
void _lk_preferences_window_add_server_changed_cb  (LkPreferencesWindow *self);
void _lk_preferences_window_remove_server_action   (GtkWidget           *widget,
                                                    const char          *action_name,
                                                    GVariant            *parameter);

G_END_DECLS
