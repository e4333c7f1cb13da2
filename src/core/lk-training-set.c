/* lk-training-set.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-set"

#include "config.h"

#include <string.h>

#include "lk-training-set-private.h"
#include "lk-util.h"

G_DEFINE_QUARK (lk-training-error-quark, lk_training_error)

G_DEFINE_FINAL_TYPE (LkTrainingSet, lk_training_set, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHARACTER_NAME,
  PROP_TRIGGER_WORD,
  PROP_CLASS_WORD,
  PROP_REPEATS,
  PROP_EPOCHS,
  PROP_NETWORK_DIM,
  PROP_NETWORK_ALPHA,
  PROP_RESOLUTION,
  PROP_BASE_CHECKPOINT,
  PROP_OUTPUT_NAME,
  PROP_TRAITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
lk_training_finding_free (LkTrainingFinding *finding)
{
  g_free (finding->path);
  g_free (finding->message);
  g_free (finding->fix);
  g_free (finding);
}

static void
lk_training_set_dispose (GObject *object)
{
  LkTrainingSet *self = (LkTrainingSet *)object;

  g_clear_object (&self->images);

  G_OBJECT_CLASS (lk_training_set_parent_class)->dispose (object);
}

static void
lk_training_set_finalize (GObject *object)
{
  LkTrainingSet *self = (LkTrainingSet *)object;

  g_clear_pointer (&self->character_name, g_free);
  g_clear_pointer (&self->trigger_word, g_free);
  g_clear_pointer (&self->class_word, g_free);
  g_clear_pointer (&self->base_checkpoint, g_free);
  g_clear_pointer (&self->output_name, g_free);
  g_clear_pointer (&self->traits, g_strfreev);
  g_clear_pointer (&self->outfits, g_ptr_array_unref);
  g_clear_pointer (&self->outfit_repeats, g_array_unref);

  G_OBJECT_CLASS (lk_training_set_parent_class)->finalize (object);
}

static void
lk_training_set_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkTrainingSet *self = LK_TRAINING_SET (object);

  switch (prop_id)
    {
    case PROP_CHARACTER_NAME:
      g_value_set_string (value, self->character_name);
      break;
    case PROP_TRIGGER_WORD:
      g_value_set_string (value, self->trigger_word);
      break;
    case PROP_CLASS_WORD:
      g_value_set_string (value, self->class_word);
      break;
    case PROP_REPEATS:
      g_value_set_uint (value, self->repeats);
      break;
    case PROP_EPOCHS:
      g_value_set_uint (value, self->epochs);
      break;
    case PROP_NETWORK_DIM:
      g_value_set_uint (value, self->network_dim);
      break;
    case PROP_NETWORK_ALPHA:
      g_value_set_uint (value, self->network_alpha);
      break;
    case PROP_RESOLUTION:
      g_value_set_uint (value, self->resolution);
      break;
    case PROP_BASE_CHECKPOINT:
      g_value_set_string (value, self->base_checkpoint);
      break;
    case PROP_OUTPUT_NAME:
      g_value_set_string (value, self->output_name);
      break;
    case PROP_TRAITS:
      g_value_set_boxed (value, self->traits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_training_set_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LkTrainingSet *self = LK_TRAINING_SET (object);

  switch (prop_id)
    {
    case PROP_REPEATS:
      lk_training_set_set_repeats (self, g_value_get_uint (value));
      break;
    case PROP_EPOCHS:
      lk_training_set_set_epochs (self, g_value_get_uint (value));
      break;
    case PROP_NETWORK_DIM:
      lk_training_set_set_network (self, g_value_get_uint (value), self->network_alpha);
      break;
    case PROP_NETWORK_ALPHA:
      lk_training_set_set_network (self, self->network_dim, g_value_get_uint (value));
      break;
    case PROP_RESOLUTION:
      lk_training_set_set_resolution (self, g_value_get_uint (value));
      break;
    case PROP_OUTPUT_NAME:
      lk_training_set_set_output_name (self, g_value_get_string (value));
      break;
    case PROP_TRAITS:
      lk_training_set_set_traits (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_training_set_class_init (LkTrainingSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_training_set_dispose;
  object_class->finalize = lk_training_set_finalize;
  object_class->get_property = lk_training_set_get_property;
  object_class->set_property = lk_training_set_set_property;

  properties[PROP_CHARACTER_NAME] = g_param_spec_string ("character-name", NULL, NULL, NULL, ro);
  properties[PROP_TRIGGER_WORD] = g_param_spec_string ("trigger-word", NULL, NULL, NULL, ro);
  properties[PROP_CLASS_WORD] = g_param_spec_string ("class-word", NULL, NULL, NULL, ro);
  properties[PROP_REPEATS] = g_param_spec_uint ("repeats", NULL, NULL, 1, 1000, 10, rw);
  properties[PROP_EPOCHS] = g_param_spec_uint ("epochs", NULL, NULL, 1, 1000, 10, rw);
  properties[PROP_NETWORK_DIM] = g_param_spec_uint ("network-dim", NULL, NULL, 1, 1024, 32, rw);
  properties[PROP_NETWORK_ALPHA] =
    g_param_spec_uint ("network-alpha", NULL, NULL, 1, 1024, 16, rw);
  properties[PROP_RESOLUTION] =
    g_param_spec_uint ("resolution", NULL, NULL, 256, 4096, 1024, rw);
  properties[PROP_BASE_CHECKPOINT] =
    g_param_spec_string ("base-checkpoint", NULL, NULL, NULL, ro);
  properties[PROP_OUTPUT_NAME] = g_param_spec_string ("output-name", NULL, NULL, NULL, rw);
  properties[PROP_TRAITS] = g_param_spec_boxed ("traits", NULL, NULL, G_TYPE_STRV, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_training_set_init (LkTrainingSet *self)
{
  self->images = g_list_store_new (LK_TYPE_REFERENCE_IMAGE);
  self->outfits = g_ptr_array_new_with_free_func (g_free);
  self->outfit_repeats = g_array_new (FALSE, FALSE, sizeof (guint));
  self->traits = g_new0 (char *, 1);
  self->repeats = 10;
  self->epochs = 10;
  self->network_dim = 32;
  self->network_alpha = 16;
  self->resolution = 1024;
}

/* "Mei Kobayashi" → "mei_kobayashi": what kohya and file names take without quoting. */
static char *
slugify (const char *text)
{
  GString *slug = g_string_new (NULL);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  gboolean gap = FALSE;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (gap && slug->len > 0)
            g_string_append_c (slug, '_');
          g_string_append_unichar (slug, c);
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  if (slug->len == 0)
    g_string_append (slug, "character");

  return g_string_free (slug, FALSE);
}

char *
lk_training_set_default_trigger (const char *character_name)
{
  g_return_val_if_fail (character_name != NULL, NULL);

  return slugify (character_name);
}

char *
lk_training_set_default_output_name (const char *character_name,
                                     guint       version)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (character_name != NULL, NULL);

  slug = slugify (character_name);
  return g_strdup_printf ("%s_v%u", slug, MAX (version, 1));
}

char **
lk_training_set_traits_from_description (const char *description)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *lower = NULL;

  if (description == NULL)
    return g_strv_builder_end (builder);

  lower = g_utf8_strdown (description, -1);
  regex = g_regex_new ("\\b([a-z]+(?:[- ][a-z]+)?)\\s+(hair|eyes)\\b", 0, 0, NULL);
  g_regex_match (regex, lower, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *colour = g_match_info_fetch (match, 1);
      g_autofree char *part = g_match_info_fetch (match, 2);
      const char *word = strrchr (colour, ' ');

      /* "long blue hair" keeps "blue hair"; "tired eyes" is a mood, but still a trait the
       * artist can remove */
      _lk_strv_builder_add_owned (builder,
                                  g_strdup_printf ("%s %s", word ? word + 1 : colour, part));
      g_match_info_next (match, NULL);
    }

  return g_strv_builder_end (builder);
}

LkTrainingSet *
lk_training_set_new (const char *character_name,
                     const char *trigger_word,
                     const char *class_word)
{
  LkTrainingSet *self;

  g_return_val_if_fail (character_name != NULL, NULL);
  g_return_val_if_fail (trigger_word != NULL && *trigger_word != '\0', NULL);
  g_return_val_if_fail (class_word != NULL && *class_word != '\0', NULL);

  self = g_object_new (LK_TYPE_TRAINING_SET, NULL);
  self->character_name = g_strdup (character_name);
  self->trigger_word = g_strstrip (g_strdup (trigger_word));
  self->class_word = g_strstrip (g_strdup (class_word));
  self->output_name = lk_training_set_default_output_name (character_name, 1);

  return self;
}

const char *
lk_training_set_get_character_name (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return self->character_name;
}

const char *
lk_training_set_get_trigger_word (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return self->trigger_word;
}

const char *
lk_training_set_get_class_word (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return self->class_word;
}

guint
lk_training_set_get_repeats (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), 0);
  return self->repeats;
}

void
lk_training_set_set_repeats (LkTrainingSet *self,
                             guint          repeats)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (repeats >= 1);

  if (self->repeats != repeats)
    {
      self->repeats = repeats;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEATS]);
    }
}

guint
lk_training_set_get_epochs (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), 0);
  return self->epochs;
}

void
lk_training_set_set_epochs (LkTrainingSet *self,
                            guint          epochs)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (epochs >= 1);

  if (self->epochs != epochs)
    {
      self->epochs = epochs;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPOCHS]);
    }
}

void
lk_training_set_set_network (LkTrainingSet *self,
                             guint          dim,
                             guint          alpha)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (dim >= 1 && alpha >= 1);

  if (self->network_dim != dim)
    {
      self->network_dim = dim;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_DIM]);
    }
  if (self->network_alpha != alpha)
    {
      self->network_alpha = alpha;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_ALPHA]);
    }
}

guint
lk_training_set_get_network_dim (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), 0);
  return self->network_dim;
}

guint
lk_training_set_get_network_alpha (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), 0);
  return self->network_alpha;
}

guint
lk_training_set_get_resolution (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), 0);
  return self->resolution;
}

void
lk_training_set_set_resolution (LkTrainingSet *self,
                                guint          resolution)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (resolution >= 256 && resolution % 64 == 0);

  if (self->resolution != resolution)
    {
      self->resolution = resolution;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
    }
}

const char *
lk_training_set_get_base_checkpoint (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return self->base_checkpoint;
}

void
lk_training_set_set_base_checkpoint (LkTrainingSet *self,
                                     const char    *path,
                                     gboolean       sdxl)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));

  self->sdxl = !!sdxl;
  if (lk_set_str (&self->base_checkpoint, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_CHECKPOINT]);
}

const char *
lk_training_set_get_output_name (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return self->output_name;
}

void
lk_training_set_set_output_name (LkTrainingSet *self,
                                 const char    *name)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (name != NULL && *name != '\0' && strchr (name, '/') == NULL);

  if (lk_set_str (&self->output_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_NAME]);
}

const char * const *
lk_training_set_get_traits (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return (const char * const *)self->traits;
}

void
lk_training_set_set_traits (LkTrainingSet      *self,
                            const char * const *traits)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));

  if (traits == NULL && g_strv_length (self->traits) == 0)
    return;
  if (traits != NULL && g_strv_equal ((const char * const *)self->traits, traits))
    return;

  g_strfreev (self->traits);
  self->traits = traits ? g_strdupv ((char **)traits) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAITS]);
}

void
lk_training_set_add_outfit (LkTrainingSet *self,
                            const char    *trigger,
                            guint          repeats)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (trigger != NULL && *trigger != '\0');
  g_return_if_fail (repeats >= 1);

  for (guint i = 0; i < self->outfits->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->outfits, i), trigger) == 0)
      {
        g_array_index (self->outfit_repeats, guint, i) = repeats;
        return;
      }

  g_ptr_array_add (self->outfits, g_strstrip (g_strdup (trigger)));
  g_array_append_val (self->outfit_repeats, repeats);
}

char **
lk_training_set_dup_outfits (LkTrainingSet *self)
{
  char **outfits;

  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);

  outfits = g_new0 (char *, self->outfits->len + 1);
  for (guint i = 0; i < self->outfits->len; i++)
    outfits[i] = g_strdup (g_ptr_array_index (self->outfits, i));
  return outfits;
}

GListModel *
lk_training_set_get_images (LkTrainingSet *self)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  return G_LIST_MODEL (self->images);
}

void
lk_training_set_add_image (LkTrainingSet    *self,
                           LkReferenceImage *image)
{
  g_return_if_fail (LK_IS_TRAINING_SET (self));
  g_return_if_fail (LK_IS_REFERENCE_IMAGE (image));

  g_list_store_append (self->images, image);
}

char **
_lk_training_split_tags (const char *caption)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (caption == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (caption, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *lower = g_utf8_strdown (parts[i], -1);

      g_strstrip (lower);
      if (*lower != '\0')
        g_strv_builder_add (builder, lower);
    }

  return g_strv_builder_end (builder);
}
