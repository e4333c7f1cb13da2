/* lk-character-sidebar-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-character-pictures.h"
#include "lk-character-sidebar.h"

G_BEGIN_DECLS

struct _LkCharacterSidebar
{
  GtkWidget           parent_instance;

  /* Owned */
  LkCatalogSession   *session;
  GSignalGroup       *session_signals;
  LkCatalog          *catalog;
  GCancellable       *cancellable;
  GListModel         *characters;       /* the catalog's live list, or an empty one */
  GListStore         *project_sections; /* "All Projects", then the catalog's projects */
  GtkCustomFilter    *filter;
  GtkSorter          *sorter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *search;           /* casefolded, NULL when empty */
  gint64              project_id;
  gint64              reselect_id;
  guint               refilter_source;
  LkCharacterPictures *pictures;      /* the avatars’ images */

  /* Template widgets */
  GtkDropDown        *project_dropdown;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkLabel           *connecting_label;
  AdwStatusPage      *failed_page;
  GtkListView        *list_view;

  guint               loaded : 1;
  guint               syncing_project : 1;
};

/* Shows the page that fits the catalog's state and the list (connecting, failed, empty…). */
void     _lk_character_sidebar_update_page     (LkCharacterSidebar *self);

/* Selects character @id if the list shows it, which ends a pending reselection. */
void     _lk_character_sidebar_select_id       (LkCharacterSidebar *self,
                                                gint64              id);

/* The project and search filter of the character list (a GtkCustomFilterFunc). */
gboolean _lk_character_sidebar_filter_func     (gpointer            item,
                                                gpointer            user_data);

/* The project switcher: its model ("All Projects", then the catalog's) and its handlers
 * (lk-character-sidebar-filter.c). */
void     _lk_character_sidebar_setup_projects  (LkCharacterSidebar *self);

G_END_DECLS
