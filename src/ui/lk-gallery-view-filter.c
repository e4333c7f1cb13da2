/* lk-gallery-view-filter.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The filter half of the gallery: the filter bar, what the catalog knows about each output
 * and the prompts read from files the catalog does not know. The decisions themselves are
 * LkOutputFilter's (in the core, so tests check them on a real catalog); this file turns
 * widget state into its criteria and keeps its facts fresh. */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-gallery-view-private.h"
#include "lk-project.h"

/* Catalog changes come in bursts (a job records several outputs, an artist reviews a run of
 * frames): one facts query per burst is enough. */
#define FACTS_DELAY_MS 400

static const LkMediaKind kinds[] = { LK_MEDIA_KIND_NONE, LK_MEDIA_KIND_IMAGE,
                                     LK_MEDIA_KIND_VIDEO };

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  LkGalleryView *self = user_data;

  return lk_output_filter_matches (self->output_filter, item);
}

static gint64
lk_gallery_view_filter_character_id (LkGalleryView *self)
{
  if (self->character == NULL || gtk_toggle_button_get_active (self->all_characters_button))
    return 0;

  return lk_character_get_id (self->character);
}

static gint64
lk_gallery_view_filter_project_id (LkGalleryView *self)
{
  guint selected = gtk_drop_down_get_selected (self->project_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->project_ids->len)
    return 0;

  return g_array_index (self->project_ids, gint64, selected);
}

static void
prompts_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkGalleryView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_output_filter_read_prompts_finish (LK_OUTPUT_FILTER (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not read the prompts of the outputs: %s", error->message);
}

/* Reads, off the main thread, the prompts of the images the catalog does not describe, but
 * only while the artist searches prompts: most of the time nothing is read. */
static void
lk_gallery_view_filter_read_prompts (LkGalleryView *self)
{
  g_auto(GStrv) paths = NULL;

  if (self->store == NULL || lk_output_filter_get_text (self->output_filter) == NULL)
    return;

  paths = lk_output_filter_dup_unread_prompts (self->output_filter,
                                               G_LIST_MODEL (self->store));
  if (paths[0] == NULL)
    return;

  g_cancellable_cancel (self->prompts_cancellable);
  g_clear_object (&self->prompts_cancellable);
  self->prompts_cancellable = g_cancellable_new ();
  lk_output_filter_read_prompts_async (self->output_filter, (const char * const *)paths,
                                       self->prompts_cancellable, prompts_read_cb,
                                       g_object_ref (self));
}

void
_lk_gallery_view_filter_sync (LkGalleryView *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  LkOutputFilter *filter = self->output_filter;

  if (filter == NULL || self->project_ids == NULL)
    return;

  /* Every setter notifies only on a real change, so this may run for any widget change. */
  lk_output_filter_set_kind (filter, kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)]);
  lk_output_filter_set_character_id (filter, lk_gallery_view_filter_character_id (self));
  lk_output_filter_set_project_id (filter, lk_gallery_view_filter_project_id (self));
  lk_output_filter_set_review (filter,
                               MIN (gtk_drop_down_get_selected (self->review_dropdown),
                                    LK_REVIEW_FILTER_REJECTED));
  lk_output_filter_set_date (filter,
                             MIN (gtk_drop_down_get_selected (self->date_dropdown),
                                  LK_DATE_FILTER_MONTH),
                             NULL);
  lk_output_filter_set_text (filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  lk_gallery_view_filter_read_prompts (self);
}

/* The order ------------------------------------------------------------------------------ */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  LkGalleryView *self = user_data;

  return lk_output_filter_compare (self->output_filter, LK_OUTPUT_SORT_OUTLIERS,
                                   (LkOutputItem *)a, (LkOutputItem *)b);
}

static gboolean
lk_gallery_view_filter_sorts_outliers (LkGalleryView *self)
{
  return gtk_drop_down_get_selected (self->sort_dropdown) == LK_OUTPUT_SORT_OUTLIERS;
}

/* Newest first is the store's own order: no sorter at all, so the 100,000-file folder costs
 * nothing to keep in order. Outliers first sorts the filtered outputs by score, in steps so
 * the main loop keeps running, and again only when new scores arrive with the facts. */
static void
sort_changed_cb (LkGalleryView *self)
{
  gtk_sort_list_model_set_sorter (self->sorted,
                                  lk_gallery_view_filter_sorts_outliers (self)
                                  ? GTK_SORTER (self->sorter) : NULL);
}

static void
lk_gallery_view_filter_resort (LkGalleryView *self)
{
  if (self->sorter != NULL && lk_gallery_view_filter_sorts_outliers (self))
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

void
_lk_gallery_view_filter_init_models (LkGalleryView *self)
{
  self->sorter = gtk_custom_sorter_new (compare_items, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), NULL);
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
output_filter_changed_cb (LkGalleryView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
store_items_changed_cb (LkGalleryView *self,
                        guint          position,
                        guint          removed,
                        guint          added)
{
  if (added > 0)
    lk_gallery_view_filter_read_prompts (self);
}

void
_lk_gallery_view_filter_reset_folder (LkGalleryView *self)
{
  g_cancellable_cancel (self->prompts_cancellable);
  g_clear_object (&self->prompts_cancellable);

  if (self->output_filter != NULL)
    g_signal_handlers_disconnect_by_data (self->output_filter, self);
  g_clear_object (&self->output_filter);
  self->output_filter = lk_output_filter_new (self->folder);
  /* The facts are relative to ComfyUI's output folder, whatever folder is shown. */
  lk_output_filter_set_facts (self->output_filter, self->facts);
  g_signal_connect_object (self->output_filter, "changed",
                           G_CALLBACK (output_filter_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->store != NULL)
    g_signal_connect_object (self->store, "items-changed",
                             G_CALLBACK (store_items_changed_cb), self, G_CONNECT_SWAPPED);

  _lk_gallery_view_filter_sync (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* What the catalog knows ----------------------------------------------------------------- */

static void
facts_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LkGalleryView) self = user_data;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(GError) error = NULL;

  if (!(facts = lk_catalog_list_output_facts_finish (LK_CATALOG (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the recorded outputs: %s", error->message);
      return;
    }

  if (self->output_filter == NULL)
    return;

  g_clear_pointer (&self->facts, g_hash_table_unref);
  self->facts = g_hash_table_ref (facts);
  lk_output_filter_set_facts (self->output_filter, facts);
  lk_gallery_view_filter_resort (self);
  lk_gallery_view_filter_read_prompts (self);
}

static void
lk_gallery_view_filter_load_facts (LkGalleryView *self)
{
  self->facts_timeout = 0;

  g_cancellable_cancel (self->facts_cancellable);
  g_clear_object (&self->facts_cancellable);
  if (self->catalog == NULL)
    return;

  self->facts_cancellable = g_cancellable_new ();
  lk_catalog_list_output_facts_async (self->catalog, self->facts_cancellable, facts_cb,
                                      g_object_ref (self));
}

static void
catalog_changed_cb (LkGalleryView *self,
                    const char    *table)
{
  static const char * const tables[] = {
    "generation_outputs", "generation_jobs", "output_reviews", "characters",
    "output_consistency", NULL
  };

  if (table != NULL && !g_strv_contains (tables, table))
    return;

  if (self->facts_timeout == 0)
    self->facts_timeout = g_timeout_add_once (FACTS_DELAY_MS,
                                              (GSourceOnceFunc)lk_gallery_view_filter_load_facts,
                                              self);
}

static void
projects_changed_cb (LkGalleryView *self)
{
  GListModel *projects = self->catalog ? lk_catalog_get_projects (self->catalog) : NULL;
  gint64 selected_id;
  guint n_items = projects ? g_list_model_get_n_items (projects) : 0;
  guint selected = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 all = 0;

  if (self->project_ids == NULL)
    return;

  selected_id = lk_gallery_view_filter_project_id (self);
  g_array_set_size (self->project_ids, 0);
  g_array_append_val (self->project_ids, all);
  g_ptr_array_add (names, g_strdup (_("All Projects")));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LkProject) project = g_list_model_get_item (projects, i);
      gint64 id = lk_project_get_id (project);

      if (id == selected_id)
        selected = self->project_ids->len;
      g_array_append_val (self->project_ids, id);
      g_ptr_array_add (names, g_strdup (lk_project_get_name (project)));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->projects, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->projects)),
                          (const char * const *)names->pdata);
  gtk_drop_down_set_selected (self->project_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->project_dropdown), n_items > 0);
  _lk_gallery_view_filter_sync (self);
}

void
_lk_gallery_view_filter_set_catalog (LkGalleryView *self,
                                     LkCatalog     *catalog)
{
  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->catalog, self);
      g_signal_handlers_disconnect_by_data (lk_catalog_get_projects (self->catalog), self);
    }
  g_set_object (&self->catalog, catalog);
  g_clear_handle_id (&self->facts_timeout, g_source_remove);

  if (catalog != NULL)
    {
      g_signal_connect_object (catalog, "changed", G_CALLBACK (catalog_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lk_catalog_get_projects (catalog), "items-changed",
                               G_CALLBACK (projects_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      g_clear_pointer (&self->facts, g_hash_table_unref);
      lk_output_filter_set_facts (self->output_filter, NULL);
    }

  projects_changed_cb (self);
  lk_gallery_view_filter_load_facts (self);
}

/* The empty state and clearing ----------------------------------------------------------- */

char *
_lk_gallery_view_filter_describe (LkGalleryView *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint selected;

  if (lk_gallery_view_filter_character_id (self) != 0)
    /* Translators: one of the filters listed in "No outputs match …" */
    g_ptr_array_add (parts, g_strdup_printf (_("character “%s”"),
                                             lk_character_get_name (self->character)));
  if (lk_gallery_view_filter_project_id (self) != 0)
    {
      guint project = gtk_drop_down_get_selected (self->project_dropdown);

      g_ptr_array_add (parts,
                       g_strdup_printf (_("project “%s”"),
                                        gtk_string_list_get_string (self->projects, project)));
    }
  if ((selected = gtk_drop_down_get_selected (self->kind_dropdown)) > 0)
    g_ptr_array_add (parts, g_strdup (selected == 1 ? _("images only") : _("videos only")));
  switch (gtk_drop_down_get_selected (self->review_dropdown))
    {
    case LK_REVIEW_FILTER_UNREVIEWED:
      g_ptr_array_add (parts, g_strdup (_("not reviewed")));
      break;
    case LK_REVIEW_FILTER_APPROVED:
      g_ptr_array_add (parts, g_strdup (_("approved")));
      break;
    case LK_REVIEW_FILTER_REJECTED:
      g_ptr_array_add (parts, g_strdup (_("rejected")));
      break;
    default:
      break;
    }
  switch (gtk_drop_down_get_selected (self->date_dropdown))
    {
    case LK_DATE_FILTER_TODAY:
      g_ptr_array_add (parts, g_strdup (_("made today")));
      break;
    case LK_DATE_FILTER_WEEK:
      g_ptr_array_add (parts, g_strdup (_("made in the last 7 days")));
      break;
    case LK_DATE_FILTER_MONTH:
      g_ptr_array_add (parts, g_strdup (_("made in the last 30 days")));
      break;
    default:
      break;
    }
  if (text != NULL && *text != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("prompt containing “%s”"), text));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  list = g_strjoinv (", ", (char **)parts->pdata);
  /* Translators: %s lists the filters, e.g. "character “Rina”, approved" */
  return g_strdup_printf (_("No outputs match these filters: %s. Change them above, or "
                            "clear them to see every output."), list);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LkGalleryView *self = LK_GALLERY_VIEW (widget);

  if (self->character != NULL)
    gtk_toggle_button_set_active (self->all_characters_button, TRUE);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->project_dropdown, 0);
  gtk_drop_down_set_selected (self->review_dropdown, 0);
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_stop_cb (LkGalleryView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Set-up --------------------------------------------------------------------------------- */

void
_lk_gallery_view_filter_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, all_characters_button);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, project_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, review_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, search_entry);
  gtk_widget_class_install_action (widget_class, "gallery.clear-filters", NULL,
                                   clear_filters_action);
}

void
_lk_gallery_view_filter_init (LkGalleryView *self)
{
  self->project_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->projects = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->project_dropdown, G_LIST_MODEL (self->projects));
  self->output_filter = lk_output_filter_new (NULL);
  g_signal_connect_object (self->output_filter, "changed",
                           G_CALLBACK (output_filter_changed_cb), self, G_CONNECT_SWAPPED);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);

  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (_lk_gallery_view_filter_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project_dropdown, "notify::selected",
                           G_CALLBACK (_lk_gallery_view_filter_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->review_dropdown, "notify::selected",
                           G_CALLBACK (_lk_gallery_view_filter_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_dropdown, "notify::selected",
                           G_CALLBACK (_lk_gallery_view_filter_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->all_characters_button, "toggled",
                           G_CALLBACK (_lk_gallery_view_filter_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (_lk_gallery_view_filter_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (search_stop_cb), self, G_CONNECT_SWAPPED);

  projects_changed_cb (self);
  gtk_widget_set_visible (GTK_WIDGET (self->all_characters_button), FALSE);
}

void
_lk_gallery_view_filter_dispose (LkGalleryView *self)
{
  g_cancellable_cancel (self->facts_cancellable);
  g_clear_object (&self->facts_cancellable);
  g_cancellable_cancel (self->prompts_cancellable);
  g_clear_object (&self->prompts_cancellable);
  g_clear_handle_id (&self->facts_timeout, g_source_remove);
  if (self->catalog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->catalog, self);
      g_signal_handlers_disconnect_by_data (lk_catalog_get_projects (self->catalog), self);
    }
  g_clear_object (&self->catalog);
  g_clear_object (&self->character);
  g_clear_object (&self->output_filter);
  g_clear_pointer (&self->facts, g_hash_table_unref);
  g_clear_object (&self->projects);
  g_clear_pointer (&self->project_ids, g_array_unref);
}
