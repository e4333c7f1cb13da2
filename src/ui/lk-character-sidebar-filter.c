/* lk-character-sidebar-filter.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Which characters the sidebar lists: the project switcher and the search filter, and
 * bringing a given character into view and selecting it. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-character-sidebar-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lk-character-pictures.h"
#include "lk-character-sidebar-private.h"

/* Filtering ------------------------------------------------------------------------------ */

static gboolean
contains_casefolded (const char *haystack,
                     const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

gboolean
_lk_character_sidebar_filter_func (gpointer item,
                                   gpointer user_data)
{
  LkCharacterSidebar *self = user_data;
  LkCharacter *character = item;

  if (self->project_id != 0 && lk_character_get_project_id (character) != self->project_id)
    return FALSE;
  if (self->search == NULL)
    return TRUE;

  return contains_casefolded (lk_character_get_name (character), self->search)
         || contains_casefolded (lk_character_get_lora_name (character), self->search)
         || contains_casefolded (lk_character_get_project_name (character), self->search);
}

/* Projects ------------------------------------------------------------------------------- */

static void
project_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  LkCharacterSidebar       *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
project_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 LkCharacterSidebar       *self)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GBinding *binding;

  if (GTK_IS_STRING_OBJECT (item))
    {
      gtk_label_set_label (GTK_LABEL (label),
                           gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      return;
    }

  binding = g_object_bind_property (item, "name", label, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (list_item), "lk-binding", binding);
}

static void
project_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   LkCharacterSidebar       *self)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "lk-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "lk-binding", NULL);
}

static void
project_selected_cb (LkCharacterSidebar *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->project_dropdown);
  gint64 id = LK_IS_PROJECT (item) ? lk_project_get_id (item) : 0;

  if (self->syncing_project || id == self->project_id)
    return;

  self->project_id = id;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  lk_character_pictures_set_project (self->pictures, id);
  _lk_character_sidebar_update_page (self);
}

/* Projects come and go (and the first list arrives after the catalog opens): keep the
 * chosen project chosen, or fall back to all of them. */
static void
projects_changed_cb (LkCharacterSidebar *self)
{
  GListModel *model = gtk_drop_down_get_model (self->project_dropdown);
  guint n = g_list_model_get_n_items (model);
  guint position = 0;

  for (guint i = 0; i < n && self->project_id != 0; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (LK_IS_PROJECT (item) && lk_project_get_id (LK_PROJECT (item)) == self->project_id)
        position = i;
    }

  self->syncing_project = TRUE;
  gtk_drop_down_set_selected (self->project_dropdown, position);
  self->syncing_project = FALSE;
  project_selected_cb (self);
}

void
_lk_character_sidebar_setup_projects (LkCharacterSidebar *self)
{
  g_autoptr(GtkListItemFactory) projects = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) all = gtk_string_list_new (NULL);
  g_autoptr(GListStore) no_projects = g_list_store_new (LK_TYPE_PROJECT);
  g_autoptr(GtkFlattenListModel) project_model = NULL;

  /* "All Projects" followed by the catalog's. */
  gtk_string_list_append (all, _("All Projects"));
  self->project_sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->project_sections, all);
  g_list_store_append (self->project_sections, no_projects);
  project_model = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->project_sections)));
  g_signal_connect (projects, "setup", G_CALLBACK (project_setup_cb), self);
  g_signal_connect (projects, "bind", G_CALLBACK (project_bind_cb), self);
  g_signal_connect (projects, "unbind", G_CALLBACK (project_unbind_cb), self);
  gtk_drop_down_set_factory (self->project_dropdown, projects);
  gtk_drop_down_set_model (self->project_dropdown, G_LIST_MODEL (project_model));
  g_signal_connect_object (project_model, "items-changed", G_CALLBACK (projects_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project_dropdown, "notify::selected",
                           G_CALLBACK (project_selected_cb), self, G_CONNECT_SWAPPED);
}

/* Showing one character ------------------------------------------------------------------ */

/* Whether the catalog's list holds @id, whatever the project and search filters hide. */
static gboolean
catalog_lists (LkCharacterSidebar *self,
               gint64              id)
{
  guint n = g_list_model_get_n_items (self->characters);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkCharacter) character = g_list_model_get_item (self->characters, i);

      if (lk_character_get_id (character) == id)
        return TRUE;
    }
  return FALSE;
}

gboolean
lk_character_sidebar_select_character (LkCharacterSidebar *self,
                                       gint64              character_id)
{
  LkCharacter *selected;

  g_return_val_if_fail (LK_IS_CHARACTER_SIDEBAR (self), FALSE);
  g_return_val_if_fail (character_id > 0, FALSE);

  self->reselect_id = character_id;
  _lk_character_sidebar_select_id (self, character_id);

  /* Listed by the catalog but hidden by the project or the search: show every character.
   * Filtering is not incremental, so the character is in the list right after this. */
  if (self->reselect_id != 0 && catalog_lists (self, character_id))
    {
      g_clear_pointer (&self->search, g_free);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (self->project_id != 0)
        gtk_drop_down_set_selected (self->project_dropdown, 0);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      _lk_character_sidebar_update_page (self);
      _lk_character_sidebar_select_id (self, character_id);
    }

  selected = lk_character_sidebar_get_selected_character (self);
  if (selected == NULL || lk_character_get_id (selected) != character_id)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              gtk_single_selection_get_selected (self->selection));
  return TRUE;
}
