/* lk-character-sidebar.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-character-row.h"
#include "lk-character-sidebar-private.h"
#include "lk-stack-page.h"

G_DEFINE_FINAL_TYPE (LkCharacterSidebar, lk_character_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_CHARACTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages ---------------------------------------------------------------------------------- */

void
_lk_character_sidebar_update_page (LkCharacterSidebar *self)
{
  LkCatalogSessionState state = self->session ? lk_catalog_session_get_state (self->session)
                                              : LK_CATALOG_SESSION_STATE_CONNECTING;
  const char *page;

  if (self->catalog == NULL && state == LK_CATALOG_SESSION_STATE_FAILED)
    {
      const GError *error = lk_catalog_session_get_error (self->session);

      adw_status_page_set_description (self->failed_page, error ? error->message : NULL);
      page = "failed";
    }
  else if (self->catalog == NULL || !self->loaded)
    {
      if (self->session != NULL && lk_catalog_session_get_embedded (self->session))
        gtk_label_set_label (self->connecting_label, _("Starting Lorakeet’s own database…"));
      else
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (_("Connecting to the studio catalog at %s…"),
                                  self->session ? lk_catalog_session_get_description (self->session)
                                                : "…");
          gtk_label_set_label (self->connecting_label, text);
        }
      page = "connecting";
    }
  else if (g_list_model_get_n_items (self->characters) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    page = "no-results";
  else
    page = "list";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "connecting"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->project_dropdown), self->catalog != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), self->catalog != NULL);
  lk_stack_show_page (self->stack, page);
}

/* Filtering and sorting ------------------------------------------------------------------ */

static void
refilter_cb (gpointer user_data)
{
  LkCharacterSidebar *self = user_data;

  self->refilter_source = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  _lk_character_sidebar_update_page (self);
}

/* Characters are updated in place when someone renames them or moves them to another
 * project: the list sorts and filters again, once per burst. */
static void
character_changed_cb (LkCharacterSidebar *self)
{
  /* Characters outlive a disposed sidebar. */
  if (self->filter == NULL)
    return;
  if (self->refilter_source == 0)
    self->refilter_source = g_idle_add_once (refilter_cb, self);
  lk_character_pictures_reload (self->pictures);
}

static void
watch_characters (LkCharacterSidebar *self,
                  guint               position,
                  guint               added)
{
  static const char * const signals[] = {
    "notify::name", "notify::project-name", "notify::lora-name", "notify::has-lora",
  };

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LkCharacter) character = g_list_model_get_item (self->characters, i);

      /* The catalog hands the same objects back when it refreshes. */
      if (g_signal_handler_find (character, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 character_changed_cb, self) != 0)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (signals); s++)
        g_signal_connect_object (character, signals[s], G_CALLBACK (character_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
}

void
_lk_character_sidebar_select_id (LkCharacterSidebar *self,
                                 gint64              id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkCharacter) character = g_list_model_get_item (model, i);

      if (lk_character_get_id (character) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          self->reselect_id = 0;
          return;
        }
    }
}

static void
characters_changed_cb (LkCharacterSidebar *self,
                       guint               position,
                       guint               removed,
                       guint               added,
                       GListModel         *model)
{
  watch_characters (self, position, added);
  if (g_list_model_get_n_items (model) > 0)
    self->loaded = TRUE;
  lk_character_pictures_reload (self->pictures);
  _lk_character_sidebar_update_page (self);
}

/* The end of the chain (filtered, sorted) changed: what the list shows is final here. */
static void
shown_changed_cb (LkCharacterSidebar *self)
{
  if (self->reselect_id != 0)
    _lk_character_sidebar_select_id (self, self->reselect_id);
  _lk_character_sidebar_update_page (self);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              LkCharacterSidebar       *self)
{
  gtk_list_item_set_child (list_item, lk_character_pictures_new_row (self->pictures));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LkCharacterSidebar       *self)
{
  LkCharacterRow *row = LK_CHARACTER_ROW (gtk_list_item_get_child (list_item));
  LkCharacter *character = gtk_list_item_get_item (list_item);

  lk_character_pictures_bind_row (self->pictures, row, character);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               LkCharacterSidebar       *self)
{
  LkCharacterRow *row = LK_CHARACTER_ROW (gtk_list_item_get_child (list_item));

  lk_character_pictures_bind_row (self->pictures, row, NULL);
}

static void
selection_changed_cb (LkCharacterSidebar *self)
{
  LkCharacter *selected = lk_character_sidebar_get_selected_character (self);

  /* The artist picked someone else: a character still awaited is no longer wanted. */
  if (selected != NULL && lk_character_get_id (selected) != self->reselect_id)
    self->reselect_id = 0;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CHARACTER]);
}

/* The catalog ---------------------------------------------------------------------------- */

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkCharacterSidebar) self = user_data;
  g_autoptr(LkCatalogStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = lk_catalog_get_status_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* An empty catalog never sends a first list: this says there is nothing to wait for. */
  if (status == NULL || status->n_characters <= 0)
    {
      self->loaded = TRUE;
      _lk_character_sidebar_update_page (self);
    }
}

static void
set_catalog (LkCharacterSidebar *self,
             LkCatalog          *catalog)
{
  LkCharacter *selected = lk_character_sidebar_get_selected_character (self);
  g_autoptr(GListModel) projects = NULL;

  if (self->catalog == catalog)
    return;

  /* Another catalog for the same studio (a reconnection) keeps the selection. */
  self->reselect_id = selected ? lk_character_get_id (selected) : 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->characters != NULL)
    g_signal_handlers_disconnect_by_func (self->characters, characters_changed_cb, self);
  g_clear_object (&self->characters);
  g_set_object (&self->catalog, catalog);
  self->loaded = FALSE;
  lk_character_pictures_set_catalog (self->pictures, catalog);

  if (catalog != NULL)
    {
      self->cancellable = g_cancellable_new ();
      self->characters = g_object_ref (lk_catalog_get_characters (catalog));
      projects = g_object_ref (lk_catalog_get_projects (catalog));
      lk_catalog_get_status_async (catalog, self->cancellable, status_cb, g_object_ref (self));
      self->loaded = g_list_model_get_n_items (self->characters) > 0;
    }
  else
    {
      self->characters = G_LIST_MODEL (g_list_store_new (LK_TYPE_CHARACTER));
      projects = G_LIST_MODEL (g_list_store_new (LK_TYPE_PROJECT));
    }
  g_list_store_splice (self->project_sections, 1, 1, (gpointer *)&projects, 1);

  g_signal_connect_object (self->characters, "items-changed", G_CALLBACK (characters_changed_cb),
                           self, G_CONNECT_SWAPPED);
  watch_characters (self, 0, g_list_model_get_n_items (self->characters));
  gtk_filter_list_model_set_model (self->filtered, self->characters);
  if (self->reselect_id != 0)
    _lk_character_sidebar_select_id (self, self->reselect_id);
  _lk_character_sidebar_update_page (self);
}

static void
session_changed_cb (LkCharacterSidebar *self)
{
  set_catalog (self, self->session ? lk_catalog_session_get_catalog (self->session) : NULL);
  _lk_character_sidebar_update_page (self);
}

/* Search --------------------------------------------------------------------------------- */

static void
search_changed_cb (LkCharacterSidebar *self,
                   GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _lk_character_sidebar_update_page (self);
}

static void
search_activate_cb (LkCharacterSidebar *self,
                    GtkSearchEntry     *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_stop_cb (LkCharacterSidebar *self,
                GtkSearchEntry     *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Escape in the list ends a search too, keeping the selected character. */
static gboolean
escape_pressed_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  LkCharacterSidebar *self = LK_CHARACTER_SIDEBAR (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  return TRUE;
}

/* Public API ----------------------------------------------------------------------------- */

LkCatalogSession *
lk_character_sidebar_get_session (LkCharacterSidebar *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER_SIDEBAR (self), NULL);

  return self->session;
}

void
lk_character_sidebar_set_session (LkCharacterSidebar *self,
                                  LkCatalogSession   *session)
{
  g_return_if_fail (LK_IS_CHARACTER_SIDEBAR (self));
  g_return_if_fail (!session || LK_IS_CATALOG_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  session_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

LkCharacter *
lk_character_sidebar_get_selected_character (LkCharacterSidebar *self)
{
  g_return_val_if_fail (LK_IS_CHARACTER_SIDEBAR (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

void
lk_character_sidebar_focus_search (LkCharacterSidebar *self)
{
  g_return_if_fail (LK_IS_CHARACTER_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Object --------------------------------------------------------------------------------- */

static void
lk_character_sidebar_dispose (GObject *object)
{
  LkCharacterSidebar *self = LK_CHARACTER_SIDEBAR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refilter_source, g_source_remove);
  if (self->pictures != NULL)
    g_object_run_dispose (G_OBJECT (self->pictures));
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  if (self->characters != NULL)
    g_signal_handlers_disconnect_by_func (self->characters, characters_changed_cb, self);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, shown_changed_cb, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CHARACTER_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->project_sections);
  g_clear_object (&self->characters);
  g_clear_object (&self->catalog);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lk_character_sidebar_parent_class)->dispose (object);
}

static void
lk_character_sidebar_finalize (GObject *object)
{
  LkCharacterSidebar *self = LK_CHARACTER_SIDEBAR (object);

  g_clear_pointer (&self->search, g_free);
  g_clear_object (&self->pictures);

  G_OBJECT_CLASS (lk_character_sidebar_parent_class)->finalize (object);
}

static void
lk_character_sidebar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LkCharacterSidebar *self = LK_CHARACTER_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SELECTED_CHARACTER:
      g_value_set_object (value, lk_character_sidebar_get_selected_character (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_character_sidebar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LkCharacterSidebar *self = LK_CHARACTER_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lk_character_sidebar_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_character_sidebar_class_init (LkCharacterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_character_sidebar_dispose;
  object_class->finalize = lk_character_sidebar_finalize;
  object_class->get_property = lk_character_sidebar_get_property;
  object_class->set_property = lk_character_sidebar_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_CATALOG_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_CHARACTER] =
    g_param_spec_object ("selected-character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-character-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, connecting_label);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, failed_page);
  gtk_widget_class_bind_template_child (widget_class, LkCharacterSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkcharactersidebar");
}

static void
setup_lists (LkCharacterSidebar *self)
{
  g_autoptr(GtkListItemFactory) rows = gtk_signal_list_item_factory_new ();
  GtkSortListModel *sorted;

  /* Characters: live list → project and search filter → by name → single selection. */
  self->characters = G_LIST_MODEL (g_list_store_new (LK_TYPE_CHARACTER));
  self->filter = gtk_custom_filter_new (_lk_character_sidebar_filter_func, self, NULL);
  self->sorter = GTK_SORTER (gtk_string_sorter_new (
    gtk_property_expression_new (LK_TYPE_CHARACTER, NULL, "name")));
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_model (self->filtered, self->characters);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  /* After the list view's own handler: selecting while the view has not taken in the change
   * yet makes it read rows that are gone. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (shown_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect_object (rows, "setup", G_CALLBACK (row_setup_cb), self, 0);
  g_signal_connect_object (rows, "bind", G_CALLBACK (row_bind_cb), self, 0);
  g_signal_connect_object (rows, "unbind", G_CALLBACK (row_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, rows);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  _lk_character_sidebar_setup_projects (self);
}

static void
lk_character_sidebar_init (LkCharacterSidebar *self)
{
  self->pictures = lk_character_pictures_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_lists (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  self->session_signals = g_signal_group_new (LK_TYPE_CATALOG_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::catalog",
                                 G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (_lk_character_sidebar_update_page), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::error",
                                 G_CALLBACK (_lk_character_sidebar_update_page), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::conninfo",
                                 G_CALLBACK (_lk_character_sidebar_update_page), self,
                                 G_CONNECT_SWAPPED);

  _lk_character_sidebar_update_page (self);
}
