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
#include "lk-lora-card.h"
#include "lk-safetensors.h"
#include "lk-trigger-set.h"

#define N_TOP_TAGS   8
#define SHORT_SHA256 10

struct _LkLoraCard
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  LkResolution        *resolution;
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
  AdwActionRow        *triggers_row;
  AdwActionRow        *local_row;

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
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%" G_GUINT64_FORMAT " step",
                                                          "%" G_GUINT64_FORMAT " steps", steps),
                                             steps));
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

static char *
describe_triggers (LkResolution *resolution)
{
  GListModel *sets = lk_resolution_get_trigger_sets (resolution);
  guint n = sets ? g_list_model_get_n_items (sets) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTriggerSet) set = g_list_model_get_item (sets, i);
      const char * const *words = lk_trigger_set_get_words (set);
      g_autofree char *joined = g_strjoinv (", ", (char **)words);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a named set of trigger words, such as "base: mei kobayashi, glasses". */
      g_string_append_printf (text, _("%s: %s"), lk_trigger_set_get_name (set), joined);
    }

  if (text->len == 0)
    return g_strdup (_("None recorded for this LoRA"));
  return g_string_free (g_steal_pointer (&text), FALSE);
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
  g_autofree char *triggers = NULL;
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
                               self->training_row, self->tags_row, self->triggers_row,
                               self->local_row };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        set_row (rows[i], NULL);
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
  triggers = describe_triggers (self->resolution);
  set_row (self->triggers_row, triggers);
  local = describe_local (self, lora);
  set_row (self->local_row, local);
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

  lk_lora_card_update (self);
}

static void
lk_lora_card_dispose (GObject *object)
{
  LkLoraCard *self = LK_LORA_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, LkLoraCard, local_row);
}

static void
lk_lora_card_init (LkLoraCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lk_lora_card_update (self);
}
