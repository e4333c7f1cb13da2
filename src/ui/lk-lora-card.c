/* lk-lora-card.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lk-base-model.h"
#include "lk-catalog-triggers.h"
#include "lk-lora-card.h"
#include "lk-lora-presence.h"
#include "lk-safetensors.h"
#include "lk-trigger-set.h"

#define N_TOP_TAGS   8
#define SHORT_SHA256 10

struct _LkLoraCard
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  LkCatalog           *catalog;
  LkServerPool        *pool;
  LkResolution        *resolution;
  char                *trigger_set_name;   /* the set the entry row edits */
  char                *servers_text;
  GCancellable        *servers_cancellable;
  GCancellable        *save_cancellable;
  LkSafetensors       *stored;      /* the catalog's copy of the file's metadata */
  LkSafetensors       *local;       /* the header of the file, when it is readable here */
  GError              *local_error;
  GCancellable        *cancellable;

  /* Template widgets */
  AdwActionRow        *base_only_row;
  AdwActionRow        *name_row;
  AdwActionRow        *hash_row;
  AdwActionRow        *base_model_row;
  AdwActionRow        *network_row;
  AdwActionRow        *training_row;
  AdwActionRow        *tags_row;
  AdwEntryRow         *triggers_row;
  AdwActionRow        *other_triggers_row;
  AdwActionRow        *local_row;
  AdwActionRow        *servers_row;

  guint                loading : 1;
};

G_DEFINE_FINAL_TYPE (LkLoraCard, lk_lora_card, ADW_TYPE_PREFERENCES_GROUP)

/* The catalog keeps a LoRA's kohya metadata as JSON. Wrapping it in a minimal safetensors
 * header lets the same parser that reads files interpret it (dim, alpha, tags…). */
static LkSafetensors *
parse_stored_metadata (const char *metadata_json)
{
  g_autofree char *header = NULL;
  g_autofree guint8 *data = NULL;
  guint64 length_le;
  gsize length;

  if (metadata_json == NULL || metadata_json[0] != '{')
    return NULL;

  header = g_strdup_printf ("{\"__metadata__\":%s}", metadata_json);
  length = strlen (header);
  length_le = GUINT64_TO_LE ((guint64)length);
  data = g_malloc (8 + length);
  memcpy (data, &length_le, 8);
  memcpy (data + 8, header, length);

  return lk_safetensors_parse_header (data, 8 + length, 8 + length, NULL);
}

static void
set_row (AdwActionRow *row,
         const char   *subtitle)
{
  gtk_widget_set_visible (GTK_WIDGET (row), subtitle != NULL && subtitle[0] != '\0');
  adw_action_row_set_subtitle (row, subtitle ? subtitle : "");
}

static char *
describe_network (LkSafetensors *header)
{
  guint dim = header ? lk_safetensors_get_network_dim (header) : 0;
  double alpha = header ? lk_safetensors_get_network_alpha (header) : 0;

  if (dim == 0 && alpha == 0)
    return NULL;
  if (alpha == 0)
    return g_strdup_printf (_("Dim %u"), dim);
  /* Translators: a LoRA's network rank and alpha, such as "Dim 32 · Alpha 16". */
  return g_strdup_printf (_("Dim %u · Alpha %g"), dim, alpha);
}

static char *
describe_training (LkSafetensors *header,
                   LkModel       *lora)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint width = 0, height = 0;
  guint epochs = header ? lk_safetensors_get_num_epochs (header) : 0;
  guint64 steps = header ? lk_safetensors_get_steps (header) : 0;
  gint64 epoch = lk_model_get_epoch (lora);

  if (header != NULL && lk_safetensors_get_resolution (header, &width, &height))
    /* Translators: a training resolution in pixels, such as "512 × 512". */
    g_ptr_array_add (parts, g_strdup_printf (_("%u × %u"), width, height));
  if (epoch > 0 && epochs > 0 && epoch != epochs)
    /* Translators: the epoch a LoRA file was saved at, out of the planned epochs. */
    g_ptr_array_add (parts, g_strdup_printf (_("epoch %lld of %u"), (long long)epoch, epochs));
  else if (epochs > 0 || epoch > 0)
    {
      guint n = epochs > 0 ? epochs : (guint)epoch;

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u epoch",
                                                            "%u epochs", n), n));
    }
  if (steps > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu step",
                                                          "%llu steps", (gulong)steps),
                                             (unsigned long long)steps));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **)parts->pdata);
}

static char *
describe_tags (LkSafetensors *header)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (header == NULL)
    return NULL;

  tags = lk_safetensors_dup_top_tags (header, N_TOP_TAGS);
  for (guint i = 0; i < tags->len; i++)
    {
      LkTagCount *tag = g_ptr_array_index (tags, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a training tag and how many captions had it, such as "black hair (38)". */
      g_string_append_printf (text, _("%s (%u)"), tag->tag, tag->count);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The first set (the "base" one, the catalog lists it first) is edited in the entry row; the
 * others, such as outfits, are listed below it. */
static char *
describe_other_triggers (LkResolution *resolution)
{
  GListModel *sets = lk_resolution_get_trigger_sets (resolution);
  guint n = sets ? g_list_model_get_n_items (sets) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(LkTriggerSet) set = g_list_model_get_item (sets, i);
      const char * const *words = lk_trigger_set_get_words (set);
      g_autofree char *joined = g_strjoinv (", ", (char **)words);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a named set of trigger words, such as "office outfit: white blouse". */
      g_string_append_printf (text, _("%s: %s"), lk_trigger_set_get_name (set), joined);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
show_triggers (LkLoraCard *self)
{
  GListModel *sets = lk_resolution_get_trigger_sets (self->resolution);
  g_autoptr(LkTriggerSet) first = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *title = NULL;

  if (sets != NULL && g_list_model_get_n_items (sets) > 0)
    first = g_list_model_get_item (sets, 0);

  g_free (self->trigger_set_name);
  self->trigger_set_name = g_strdup (first ? lk_trigger_set_get_name (first) : "base");
  joined = first ? g_strjoinv (", ", (char **)lk_trigger_set_get_words (first)) : g_strdup ("");

  /* Translators: the title of the editable trigger words of a set, such as "Trigger Words
   * (base)"; the underscore marks the mnemonic. */
  title = g_strdup_printf (_("_Trigger Words (%s)"), self->trigger_set_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->triggers_row), title);
  gtk_editable_set_text (GTK_EDITABLE (self->triggers_row), joined);
  gtk_widget_set_visible (GTK_WIDGET (self->triggers_row), TRUE);
}

static void
triggers_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkLoraCard) self = user_data;
  g_autoptr(LkTriggerSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;

  set = lk_catalog_set_trigger_words_finish (LK_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->triggers_row), TRUE);
  if (set == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Trigger Words Not Saved"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Show the words as the catalog keeps them (trimmed, without repeats). */
  joined = g_strjoinv (", ", (char **)lk_trigger_set_get_words (set));
  gtk_editable_set_text (GTK_EDITABLE (self->triggers_row), joined);
}

static void
triggers_applied_cb (LkLoraCard  *self,
                     AdwEntryRow *row)
{
  LkModel *lora = self->resolution ? lk_resolution_get_lora (self->resolution) : NULL;
  g_auto(GStrv) words = NULL;

  if (lora == NULL || self->catalog == NULL)
    return;

  words = lk_trigger_words_parse (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
  lk_catalog_set_trigger_words_async (self->catalog, lk_model_get_id (lora),
                                      self->trigger_set_name, (const char * const *)words,
                                      self->save_cancellable, triggers_saved_cb,
                                      g_object_ref (self));
}

static char *
describe_local (LkLoraCard *self,
                LkModel    *lora)
{
  const char *path = lk_model_get_file_path (lora);

  if (path == NULL || !g_path_is_absolute (path))
    return g_strdup (_("The catalog has no local path for this file"));
  if (self->loading)
    return g_strdup_printf (_("Looking for %s…"), path);
  if (self->local != NULL)
    return g_strdup_printf (_("Found at %s"), path);
  if (g_error_matches (self->local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup_printf (_("Not found at %s"), path);
  if (self->local_error != NULL)
    return g_strdup (self->local_error->message);
  return NULL;
}

static void
lk_lora_card_update (LkLoraCard *self)
{
  LkModel *lora = self->resolution ? lk_resolution_get_lora (self->resolution) : NULL;
  LkSafetensors *header = self->local ? self->local : self->stored;
  g_autofree char *file = NULL;
  g_autofree char *network = NULL;
  g_autofree char *training = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *other_triggers = NULL;
  g_autofree char *local = NULL;
  g_autofree char *short_hash = NULL;
  const char *family = NULL;
  const char *sha256;
  gint64 size;

  gtk_widget_set_visible (GTK_WIDGET (self->base_only_row), self->resolution && lora == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), lora != NULL);
  if (lora == NULL)
    {
      AdwActionRow *rows[] = { self->hash_row, self->base_model_row, self->network_row,
                               self->training_row, self->tags_row, self->other_triggers_row,
                               self->local_row, self->servers_row };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        set_row (rows[i], NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->triggers_row), FALSE);
      return;
    }

  size = lk_model_get_file_size (lora);
  if (size <= 0 && self->local != NULL)
    size = (gint64)lk_safetensors_get_file_size (self->local);
  if (size > 0)
    {
      g_autofree char *formatted = g_format_size ((guint64)size);

      /* Translators: a LoRA file and its size, such as "mei_v1.safetensors · 206.1 kB". */
      file = g_strdup_printf (_("%s · %s"), lk_model_get_model_path (lora), formatted);
    }
  else
    file = g_strdup (lk_model_get_model_path (lora));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), lk_model_get_name (lora));
  adw_action_row_set_subtitle (self->name_row, file ? file : "");

  sha256 = lk_model_get_sha256 (lora);
  if (sha256 != NULL)
    short_hash = g_strndup (sha256, SHORT_SHA256);
  set_row (self->hash_row, short_hash);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hash_row), sha256);

  family = lk_model_get_base_model (lora);
  if (family == NULL && header != NULL)
    family = lk_safetensors_get_base_model_family (header);
  if (family == NULL)
    set_row (self->base_model_row, _("Unknown"));
  else if (lk_base_model_family_get_display_name (family) != NULL)
    set_row (self->base_model_row, lk_base_model_family_get_display_name (family));
  else
    set_row (self->base_model_row, family);

  network = describe_network (header);
  set_row (self->network_row, network);
  training = describe_training (header, lora);
  set_row (self->training_row, training);
  tags = describe_tags (header);
  set_row (self->tags_row, tags);
  other_triggers = describe_other_triggers (self->resolution);
  set_row (self->other_triggers_row, other_triggers);
  local = describe_local (self, lora);
  set_row (self->local_row, local);
  set_row (self->servers_row, self->servers_text);
}

static void
servers_described_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LkLoraCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = lk_lora_presence_describe_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_free (self->servers_text);
  self->servers_text = g_steal_pointer (&text);
  lk_lora_card_update (self);
}

static void
lk_lora_card_check_servers (LkLoraCard *self)
{
  LkModel *lora = self->resolution ? lk_resolution_get_lora (self->resolution) : NULL;
  const char *name = lora ? lk_model_get_model_path (lora) : NULL;

  g_cancellable_cancel (self->servers_cancellable);
  g_clear_object (&self->servers_cancellable);
  g_clear_pointer (&self->servers_text, g_free);

  if (name == NULL || self->pool == NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->pool)) == 0)
    return;

  self->servers_text = g_strdup (_("Asking the servers…"));
  self->servers_cancellable = g_cancellable_new ();
  lk_lora_presence_describe_async (self->pool, name, self->servers_cancellable,
                                   servers_described_cb, g_object_ref (self));
}

static void
local_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkLoraCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSafetensors) header = lk_safetensors_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->local);
  g_clear_error (&self->local_error);
  self->local = g_steal_pointer (&header);
  self->local_error = g_steal_pointer (&error);
  if (self->local_error != NULL)
    g_debug ("reading the LoRA file failed: %s", self->local_error->message);
  lk_lora_card_update (self);
}

void
lk_lora_card_set_resolution (LkLoraCard   *self,
                             LkResolution *resolution)
{
  LkModel *lora;
  const char *path;

  g_return_if_fail (LK_IS_LORA_CARD (self));
  g_return_if_fail (!resolution || LK_IS_RESOLUTION (resolution));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->resolution, resolution);
  g_clear_object (&self->stored);
  g_clear_object (&self->local);
  g_clear_error (&self->local_error);
  self->loading = FALSE;

  lora = resolution ? lk_resolution_get_lora (resolution) : NULL;
  if (lora != NULL)
    {
      show_triggers (self);
      self->stored = parse_stored_metadata (lk_model_get_metadata_json (lora));

      path = lk_model_get_file_path (lora);
      if (path != NULL && g_path_is_absolute (path))
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          self->loading = TRUE;
          self->cancellable = g_cancellable_new ();
          lk_safetensors_load_async (file, self->cancellable, local_loaded_cb, g_object_ref (self));
        }
    }

  lk_lora_card_check_servers (self);
  lk_lora_card_update (self);
}

void
lk_lora_card_set_catalog (LkLoraCard *self,
                          LkCatalog  *catalog)
{
  g_return_if_fail (LK_IS_LORA_CARD (self));
  g_return_if_fail (!catalog || LK_IS_CATALOG (catalog));

  g_set_object (&self->catalog, catalog);
}

void
lk_lora_card_set_pool (LkLoraCard   *self,
                       LkServerPool *pool)
{
  g_return_if_fail (LK_IS_LORA_CARD (self));
  g_return_if_fail (!pool || LK_IS_SERVER_POOL (pool));

  if (g_set_object (&self->pool, pool))
    {
      lk_lora_card_check_servers (self);
      lk_lora_card_update (self);
    }
}

static void
lk_lora_card_dispose (GObject *object)
{
  LkLoraCard *self = LK_LORA_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->servers_cancellable);
  g_clear_object (&self->servers_cancellable);
  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  g_clear_object (&self->catalog);
  g_clear_object (&self->pool);
  g_clear_object (&self->resolution);
  g_clear_object (&self->stored);
  g_clear_object (&self->local);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_LORA_CARD);

  G_OBJECT_CLASS (lk_lora_card_parent_class)->dispose (object);
}

static void
lk_lora_card_finalize (GObject *object)
{
  LkLoraCard *self = LK_LORA_CARD (object);

  g_clear_error (&self->local_error);
  g_clear_pointer (&self->trigger_set_name, g_free);
  g_clear_pointer (&self->servers_text, g_free);

  G_OBJECT_CLASS (lk_lora_card_parent_class)->finalize (object);
}

static void
lk_lora_card_class_init (LkLoraCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_lora_card_dispose;
  object_class->finalize = lk_lora_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/lk-lora-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, base_only_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, hash_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, base_model_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, network_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, training_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, tags_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, triggers_row);
  gtk_widget_class_bind_template_callback (widget_class, triggers_applied_cb);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, other_triggers_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, local_row);
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, servers_row);
}

static void
lk_lora_card_init (LkLoraCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lk_lora_card_update (self);
}
