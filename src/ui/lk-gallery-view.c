/* lk-gallery-view.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-application.h"
#include "lk-gallery-tile.h"
#include "lk-gallery-view-private.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkGalleryView, lk_gallery_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_FOLDER, PROP_THUMBNAIL_SIZE, PROP_CHARACTER, PROP_VIEWING, N_PROPS };
enum { ITEM_SHOWN, N_SIGNALS };
static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gboolean
_lk_gallery_view_is_viewing (LkGalleryView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->outer_stack), "viewer") == 0;
}

LkOutputItem *
_lk_gallery_view_get_shown_item (LkGalleryView *self)
{
  return self->viewer != NULL ? lk_viewer_get_item (self->viewer) : NULL;
}

/* The viewer is built when an output is first opened: most launches never open one, and
 * its template is among the largest, so building it up front delays the window. */
static void
lk_gallery_view_ensure_viewer (LkGalleryView *self)
{
  if (self->viewer != NULL)
    return;

  self->viewer = LK_VIEWER (lk_viewer_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->viewer), FALSE);
  lk_viewer_set_thumbnailer (self->viewer, self->thumbnailer);
  lk_viewer_set_catalog (self->viewer, self->catalog);
  lk_viewer_set_character (self->viewer, self->character);
  g_signal_connect_object (self->viewer, "note-changed",
                           G_CALLBACK (_lk_gallery_view_note_changed), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->outer_stack, GTK_WIDGET (self->viewer), "viewer");
}

void
_lk_gallery_view_update_actions (LkGalleryView *self)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n_items = g_list_model_get_n_items (model);
  gboolean viewing = _lk_gallery_view_is_viewing (self);
  g_autoptr(GtkBitset) selected = NULL;
  gboolean can_review;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  can_review = viewing ? _lk_gallery_view_get_shown_item (self) != NULL
                       : !gtk_bitset_is_empty (selected);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.open",
                                 !viewing && !gtk_bitset_is_empty (selected));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.close", viewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.compare", viewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.previous",
                                 viewing && self->viewer_position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.next",
                                 viewing && self->viewer_position + 1 < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve", can_review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.reject", can_review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.rate", can_review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.undo", self->undo->len > 0);
}

void
_lk_gallery_view_update_page (LkGalleryView *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  gboolean loading = self->store != NULL && lk_output_store_get_loading (self->store);
  const char *page;
  g_autofree char *count = NULL;

  if (self->store == NULL)
    page = "empty";
  else if (self->load_error != NULL)
    page = "error";
  else if (n_shown > 0)
    page = "grid";
  else if (loading)
    page = "loading";
  else
    page = "no-outputs";

  if (g_str_equal (page, "no-outputs"))
    {
      g_autofree char *hidden = NULL;

      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
        hidden = _lk_gallery_view_filter_describe (self);
      adw_status_page_set_title (self->no_outputs_page,
                                 hidden ? _("No Matching Outputs") : _("No Outputs Yet"));
      adw_status_page_set_description (self->no_outputs_page,
                                       hidden ? hidden
                                       : _("Frames and clips appear here as ComfyUI writes "
                                           "them."));
      gtk_widget_set_visible (GTK_WIDGET (self->clear_filters_button), hidden != NULL);
    }

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->toolbar, self->store != NULL && self->load_error == NULL);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u output", "%u outputs", n_shown),
                           n_shown);
  gtk_label_set_text (self->count_label, count);

  _lk_gallery_view_update_actions (self);
}

/* A collapsed revealer keeps its child in the accessibility tree: drop the old text once
 * the strip is closed, so that a screen reader does not read out a problem that is gone. */
static void
problems_revealed_cb (LkGalleryView *self)
{
  if (!gtk_revealer_get_child_revealed (self->problems_revealer) &&
      !gtk_revealer_get_reveal_child (self->problems_revealer))
    gtk_label_set_text (self->problems_label, "");
}

/* The folder's problems (unreadable entries, too many folders to watch) and the thumbnail
 * cache's (read-only or full) in one strip above the grid: each leaves the rest working. */
static void
lk_gallery_view_update_problems (LkGalleryView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) problems = NULL;
  g_autofree char *text = NULL;
  const char *cache_problem;

  if (self->store != NULL)
    {
      g_auto(GStrv) store_problems = lk_output_store_dup_problems (self->store);

      if (store_problems != NULL)
        g_strv_builder_addv (builder, (const char **)store_problems);
    }
  if ((cache_problem = lk_thumbnailer_get_cache_problem (self->thumbnailer)) != NULL)
    g_strv_builder_add (builder, cache_problem);
  problems = g_strv_builder_end (builder);

  if (problems[0] != NULL)
    {
      text = g_strjoinv ("\n", problems);
      gtk_label_set_text (self->problems_label, text);
    }
  gtk_revealer_set_reveal_child (self->problems_revealer, text != NULL);
}

/* Keeps the viewer on its output while new outputs arrive above it or others go away. */
static void
filtered_items_changed_cb (LkGalleryView *self,
                           guint          position,
                           guint          removed,
                           guint          added,
                           GListModel    *model)
{
  guint n_items = g_list_model_get_n_items (model);
  LkOutputItem *shown = _lk_gallery_view_get_shown_item (self);
  guint found;

  if (_lk_gallery_view_is_viewing (self) && shown != NULL)
    {
      if (position + removed <= self->viewer_position)
        self->viewer_position = self->viewer_position + added - removed;
      else if (position <= self->viewer_position)
        {
          /* The shown output was in the changed range: look for it there. */
          self->viewer_position = MIN (position, n_items ? n_items - 1 : 0);
          for (found = position; found < position + added; found++)
            {
              g_autoptr(LkOutputItem) item = g_list_model_get_item (model, found);

              if (item == shown)
                {
                  self->viewer_position = found;
                  break;
                }
            }
          if (found == position + added)
            {
              if (n_items == 0)
                gtk_widget_activate_action (GTK_WIDGET (self), "gallery.close", NULL);
              else
                lk_gallery_view_open (self, self->viewer_position);
            }
        }
      if (n_items > 0)
        lk_viewer_set_position (self->viewer, self->viewer_position, n_items);
    }

  _lk_gallery_view_update_page (self);
}

static void
setup_tile_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               LkGalleryView            *self)
{
  gtk_list_item_set_child (list_item, lk_gallery_tile_new (self->thumbnailer,
                                                           self->thumbnail_size));
}

static void
bind_tile_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              LkGalleryView            *self)
{
  LkGalleryTile *tile = LK_GALLERY_TILE (gtk_list_item_get_child (list_item));
  LkOutputItem *item = gtk_list_item_get_item (list_item);
  gpointer review = g_hash_table_lookup (self->reviews, lk_output_item_get_path (item));

  lk_gallery_tile_set_size (tile, self->thumbnail_size);
  lk_gallery_tile_set_item (tile, item);
  lk_gallery_tile_set_review (tile,
                              review ? REVIEW_VERDICT (review) : LK_REVIEW_VERDICT_NONE,
                              review ? REVIEW_RATING (review) : 0);
  g_hash_table_add (self->bound_tiles, tile);
  g_signal_emit (self, signals[ITEM_SHOWN], 0, item);
}

static void
unbind_tile_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                LkGalleryView            *self)
{
  LkGalleryTile *tile = LK_GALLERY_TILE (gtk_list_item_get_child (list_item));

  g_hash_table_remove (self->bound_tiles, tile);
  lk_gallery_tile_set_item (tile, NULL);
}

static void
grid_activate_cb (LkGalleryView *self,
                  guint          position)
{
  lk_gallery_view_open (self, position);
}

static void
selection_changed_cb (LkGalleryView *self)
{
  _lk_gallery_view_update_actions (self);
}

static void
store_loading_changed_cb (LkGalleryView *self)
{
  _lk_gallery_view_update_page (self);
}

static void
store_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkGalleryView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_output_store_load_finish (LK_OUTPUT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      g_clear_error (&self->load_error);
      self->load_error = g_steal_pointer (&error);
    }

  _lk_gallery_view_update_page (self);
}

static void
lk_gallery_view_reload (LkGalleryView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  if (_lk_gallery_view_is_viewing (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "gallery.close", NULL);

  if (self->folder != NULL && self->folder[0] != '\0')
    {
      self->store = lk_output_store_new (self->folder);
      g_signal_connect_object (self->store, "notify::loading",
                               G_CALLBACK (store_loading_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::problems",
                               G_CALLBACK (lk_gallery_view_update_problems), self,
                               G_CONNECT_SWAPPED);
      self->cancellable = g_cancellable_new ();
      lk_output_store_load_async (self->store, self->cancellable, store_load_cb,
                                  g_object_ref (self));
    }

  _lk_gallery_view_filter_reset_folder (self);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->store));
  lk_gallery_view_update_problems (self);
  _lk_gallery_view_update_page (self);
}

const char *
lk_gallery_view_get_folder (LkGalleryView *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_VIEW (self), NULL);

  return self->folder;
}

void
lk_gallery_view_set_folder (LkGalleryView *self,
                            const char    *folder)
{
  g_return_if_fail (LK_IS_GALLERY_VIEW (self));

  if (folder != NULL && folder[0] == '\0')
    folder = NULL;

  if (lk_set_str (&self->folder, folder))
    {
      lk_gallery_view_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
    }
}

const char *
lk_gallery_view_get_thumbnail_size (LkGalleryView *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_VIEW (self), NULL);

  return lk_thumbnail_size_get_name (self->thumbnail_size);
}

void
lk_gallery_view_set_thumbnail_size (LkGalleryView *self,
                                    const char    *size)
{
  LkThumbnailSize value;
  GHashTableIter iter;
  gpointer tile;

  g_return_if_fail (LK_IS_GALLERY_VIEW (self));
  g_return_if_fail (size != NULL);

  if (!lk_thumbnail_size_from_name (size, &value))
    {
      g_warning ("Unknown thumbnail size “%s”", size);
      return;
    }

  if (value == self->thumbnail_size)
    return;

  self->thumbnail_size = value;
  g_hash_table_iter_init (&iter, self->bound_tiles);
  while (g_hash_table_iter_next (&iter, &tile, NULL))
    lk_gallery_tile_set_size (tile, value);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL_SIZE]);
}

GListModel *
lk_gallery_view_get_model (LkGalleryView *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_VIEW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
lk_gallery_view_open (LkGalleryView *self,
                      guint          position)
{
  g_autoptr(LkOutputItem) item = NULL;
  GListModel *model;

  g_return_if_fail (LK_IS_GALLERY_VIEW (self));

  model = G_LIST_MODEL (self->sorted);
  if (!(item = g_list_model_get_item (model, position)))
    return;

  lk_gallery_view_ensure_viewer (self);
  self->viewer_position = position;
  lk_viewer_set_item (self->viewer, item);
  lk_viewer_set_position (self->viewer, position, g_list_model_get_n_items (model));
  _lk_gallery_view_show_review (self, item);
  g_signal_emit (self, signals[ITEM_SHOWN], 0, item);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->viewer), TRUE);
  gtk_stack_set_visible_child_name (self->outer_stack, "viewer");
  gtk_widget_grab_focus (GTK_WIDGET (self->viewer));
  _lk_gallery_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEWING]);
}

gboolean
lk_gallery_view_get_viewing (LkGalleryView *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_VIEW (self), FALSE);

  return _lk_gallery_view_is_viewing (self);
}

static void
gallery_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkGalleryView *self = LK_GALLERY_VIEW (widget);
  g_autoptr(GtkBitset) selected = NULL;

  if (g_str_equal (action_name, "gallery.open"))
    {
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      if (!gtk_bitset_is_empty (selected))
        lk_gallery_view_open (self, gtk_bitset_get_minimum (selected));
    }
  else if (g_str_equal (action_name, "gallery.next"))
    lk_gallery_view_open (self, self->viewer_position + 1);
  else if (g_str_equal (action_name, "gallery.previous") && self->viewer_position > 0)
    lk_gallery_view_open (self, self->viewer_position - 1);
  else if (g_str_equal (action_name, "gallery.compare") && self->viewer != NULL)
    /* C works wherever the focus is in the gallery, as A and X do. */
    gtk_widget_activate_action (GTK_WIDGET (self->viewer), "viewer.compare", NULL);
  else if (g_str_equal (action_name, "gallery.close"))
    {
      gtk_stack_set_visible_child_name (self->outer_stack, "browse");
      if (self->viewer != NULL)
        {
          lk_viewer_set_item (self->viewer, NULL);
          /* Hidden, the viewer neither widens the gallery nor shows in the accessibility
           * tree. */
          gtk_widget_set_visible (GTK_WIDGET (self->viewer), FALSE);
        }
      if (self->viewer_position < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)))
        gtk_widget_activate_action (GTK_WIDGET (self->grid), "list.scroll-to-item", "u",
                                    self->viewer_position);
      gtk_widget_grab_focus (GTK_WIDGET (self->grid));
      _lk_gallery_view_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEWING]);
    }
}

void
lk_gallery_view_set_catalog (LkGalleryView *self,
                             LkCatalog     *catalog)
{
  g_return_if_fail (LK_IS_GALLERY_VIEW (self));
  g_return_if_fail (catalog == NULL || LK_IS_CATALOG (catalog));

  if (self->viewer != NULL)
    lk_viewer_set_catalog (self->viewer, catalog);
  _lk_gallery_view_filter_set_catalog (self, catalog);
}

void
lk_gallery_view_add_output (LkGalleryView *self,
                            const char    *path)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (LK_IS_GALLERY_VIEW (self));
  g_return_if_fail (path != NULL);

  if (self->store == NULL)
    return;

  /* The store ignores paths outside its folder and ones it already lists. */
  canonical = g_canonicalize_filename (path, self->folder);
  if (self->output_filter != NULL)
    lk_output_filter_note_arrival (self->output_filter, canonical);
  lk_output_store_add_path (self->store, canonical);
}

LkCharacter *
lk_gallery_view_get_character (LkGalleryView *self)
{
  g_return_val_if_fail (LK_IS_GALLERY_VIEW (self), NULL);

  return self->character;
}

void
lk_gallery_view_set_character (LkGalleryView *self,
                               LkCharacter   *character)
{
  g_return_if_fail (LK_IS_GALLERY_VIEW (self));
  g_return_if_fail (character == NULL || LK_IS_CHARACTER (character));

  if (!g_set_object (&self->character, character))
    return;

  if (self->viewer != NULL)
    lk_viewer_set_character (self->viewer, character);
  /* "All Characters" only means something while a character is selected. */
  gtk_widget_set_visible (GTK_WIDGET (self->all_characters_button), character != NULL);
  _lk_gallery_view_filter_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARACTER]);
}

GtkWidget *
lk_gallery_view_new (void)
{
  return g_object_new (LK_TYPE_GALLERY_VIEW, NULL);
}

static void
lk_gallery_view_dispose (GObject *object)
{
  LkGalleryView *self = (LkGalleryView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  lk_gallery_view_set_review_handler (self, NULL, NULL, NULL);
  if (self->grid != NULL)
    gtk_grid_view_set_model (self->grid, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_GALLERY_VIEW);
  self->viewer = NULL;    /* owned by outer_stack, gone with it */
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  _lk_gallery_view_filter_dispose (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->thumbnailer);
  if (self->undo != NULL)
    g_array_set_size (self->undo, 0);

  G_OBJECT_CLASS (lk_gallery_view_parent_class)->dispose (object);
}

static void
lk_gallery_view_finalize (GObject *object)
{
  LkGalleryView *self = (LkGalleryView *)object;

  g_clear_pointer (&self->folder, g_free);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->reviews, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->authors, g_hash_table_unref);
  g_clear_pointer (&self->bound_tiles, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_array_unref);

  G_OBJECT_CLASS (lk_gallery_view_parent_class)->finalize (object);
}

static void
lk_gallery_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkGalleryView *self = LK_GALLERY_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    case PROP_THUMBNAIL_SIZE:
      g_value_set_string (value, lk_gallery_view_get_thumbnail_size (self));
      break;

    case PROP_CHARACTER:
      g_value_set_object (value, self->character);
      break;

    case PROP_VIEWING:
      g_value_set_boolean (value, _lk_gallery_view_is_viewing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_gallery_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LkGalleryView *self = LK_GALLERY_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      lk_gallery_view_set_folder (self, g_value_get_string (value));
      break;

    case PROP_THUMBNAIL_SIZE:
      lk_gallery_view_set_thumbnail_size (self, g_value_get_string (value));
      break;

    case PROP_CHARACTER:
      lk_gallery_view_set_character (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_gallery_view_class_init (LkGalleryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  guint i;

  object_class->dispose = lk_gallery_view_dispose;
  object_class->finalize = lk_gallery_view_finalize;
  object_class->get_property = lk_gallery_view_get_property;
  object_class->set_property = lk_gallery_view_set_property;

  /**
   * LkGalleryView:folder:
   *
   * The output folder shown, or %NULL.
   */
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LkGalleryView:thumbnail-size:
   *
   * The freedesktop name of the tiles' thumbnail size, as the `thumbnail-size` setting
   * spells it.
   */
  properties[PROP_THUMBNAIL_SIZE] =
    g_param_spec_string ("thumbnail-size", NULL, NULL, "large",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LkGalleryView:character:
   *
   * The character selected in the sidebar: the gallery shows its outputs unless "All
   * Characters" is on, or every output when %NULL.
   */
  properties[PROP_CHARACTER] =
    g_param_spec_object ("character", NULL, NULL, LK_TYPE_CHARACTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LkGalleryView:viewing:
   *
   * Whether the viewer is open (rather than the grid).
   */
  properties[PROP_VIEWING] =
    g_param_spec_boolean ("viewing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkGalleryView::item-shown:
   * @self: a gallery view
   * @item: the output
   *
   * Emitted when an output is shown on a tile or in the viewer, so that its review can be
   * looked up where reviews are stored and given back with lk_gallery_view_set_review().
   */
  signals[ITEM_SHOWN] =
    g_signal_new ("item-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, LK_TYPE_OUTPUT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/lk-gallery-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, outer_stack);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, stack);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, error_page);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, no_outputs_page);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, grid);
  gtk_widget_class_bind_template_child (widget_class, LkGalleryView, clear_filters_button);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  _lk_gallery_view_filter_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "gallery.open", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "gallery.close", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "gallery.next", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "gallery.previous", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "gallery.compare", NULL, gallery_action);
  gtk_widget_class_install_action (widget_class, "review.approve", NULL, _lk_gallery_view_review_action);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, _lk_gallery_view_review_action);
  gtk_widget_class_install_action (widget_class, "review.rate", "i", _lk_gallery_view_review_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, _lk_gallery_view_undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "gallery.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "gallery.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "gallery.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "review.approve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, 0, "review.reject", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "gallery.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "review.undo", NULL);
  for (i = 0; i <= 5; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, 0, "review.rate", "i", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + i, 0, "review.rate",
                                           "i", i);
    }

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lkgalleryview");
}

static void
lk_gallery_view_init (LkGalleryView *self)
{
  GtkListItemFactory *factory;

  self->thumbnail_size = LK_THUMBNAIL_SIZE_LARGE;
  self->reviews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)_lk_review_author_free);
  self->bound_tiles = g_hash_table_new (NULL, NULL);
  self->undo = g_array_new (FALSE, FALSE, sizeof (ReviewChange));
  g_array_set_clear_func (self->undo, _lk_gallery_view_clear_review_change);
  self->thumbnailer = lk_application_dup_default_thumbnailer ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->thumbnailer, "notify::cache-problem",
                           G_CALLBACK (lk_gallery_view_update_problems), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problems_revealer, "notify::child-revealed",
                           G_CALLBACK (problems_revealed_cb), self, G_CONNECT_SWAPPED);

  _lk_gallery_view_filter_init (self);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filtered, FALSE);
  _lk_gallery_view_filter_init_models (self);
  g_signal_connect_object (self->sorted, "items-changed",
                           G_CALLBACK (filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_tile_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tile_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_tile_cb), self);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (self->selection));

  lk_gallery_view_update_problems (self);
  _lk_gallery_view_update_page (self);
}
