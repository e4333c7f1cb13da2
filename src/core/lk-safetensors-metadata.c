/* lk-safetensors-metadata.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The typed views of a LoRA's kohya / ModelSpec metadata. Training tools write every value
 * as a string, and not always the same way ("32", "32.0", "None"), so each parser here is
 * lenient about form and strict about range. */

/* The library's build sets a default domain; this file logs under its own name. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-safetensors-metadata"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-base-model.h"
#include "lk-safetensors-private.h"

/* Year 9999: anything later is not a training start time. */
#define MAX_UNIX_TIME G_GINT64_CONSTANT (253402300799)

G_DEFINE_BOXED_TYPE (LkTagCount, lk_tag_count, lk_tag_count_copy, lk_tag_count_free)

LkTagCount *
lk_tag_count_new (const char *tag,
                  guint       count)
{
  LkTagCount *self;

  g_return_val_if_fail (tag != NULL, NULL);

  self = g_new0 (LkTagCount, 1);
  self->tag = g_strdup (tag);
  self->count = count;

  return self;
}

LkTagCount *
lk_tag_count_copy (const LkTagCount *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lk_tag_count_new (self->tag, self->count);
}

void
lk_tag_count_free (LkTagCount *self)
{
  if (self == NULL)
    return;

  g_free (self->tag);
  g_free (self);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double d;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return FALSE;

  d = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (d))
    return FALSE;

  *value = d;
  return TRUE;
}

/* A whole number in 0..max, written as "32" or "32.0". */
static gboolean
parse_count (const char *text,
             guint64     max,
             guint64    *value)
{
  double d;

  if (!parse_number (text, &d) || d < 0 || d != floor (d) || d > (double)max)
    return FALSE;

  *value = (guint64)d;
  return TRUE;
}

static guint
get_uint_value (LkSafetensors *self,
                const char    *key)
{
  guint64 value;

  if (!parse_count (lk_safetensors_get_metadata_value (self, key), G_MAXUINT, &value))
    return 0;

  return (guint)value;
}

const char *
lk_safetensors_get_output_name (LkSafetensors *self)
{
  const char *name;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  if ((name = lk_safetensors_get_metadata_value (self, "ss_output_name")))
    return name;

  return lk_safetensors_get_metadata_value (self, "modelspec.title");
}

const char *
lk_safetensors_get_session_id (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  return lk_safetensors_get_metadata_value (self, "ss_session_id");
}

static const char * const base_model_keys[] = {
  "ss_base_model_version",
  "modelspec.architecture",
  "ss_sd_model_name",
};

const char *
lk_safetensors_get_base_model (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (base_model_keys); i++)
    {
      const char *value = lk_safetensors_get_metadata_value (self, base_model_keys[i]);

      if (value != NULL && value[0] != '\0')
        return value;
    }

  return NULL;
}

const char *
lk_safetensors_get_base_model_family (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (base_model_keys); i++)
    {
      const char *value = lk_safetensors_get_metadata_value (self, base_model_keys[i]);
      const char *family = lk_base_model_family_from_string (value);

      if (family != NULL)
        return family;
    }

  return NULL;
}

guint
lk_safetensors_get_network_dim (LkSafetensors *self)
{
  guint dim;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  if ((dim = get_uint_value (self, "ss_network_dim")) > 0)
    return dim;

  return _lk_safetensors_get_inferred_dim (self);
}

double
lk_safetensors_get_network_alpha (LkSafetensors *self)
{
  double alpha;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  if (!parse_number (lk_safetensors_get_metadata_value (self, "ss_network_alpha"), &alpha) ||
      alpha < 0)
    return 0;

  return alpha;
}

/* "(512, 512)", "[768, 512]", "512,768", "1024x1024", "1024". */
static gboolean
parse_resolution (const char *text,
                  guint      *width,
                  guint      *height)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  g_strdelimit (copy, "()[]", ' ');
  parts = g_strsplit_set (copy, ",xX", 3);

  if (g_strv_length (parts) == 1)
    {
      if (!parse_count (parts[0], 1 << 20, &w) || w == 0)
        return FALSE;
      h = w;
    }
  else if (g_strv_length (parts) == 2)
    {
      if (!parse_count (parts[0], 1 << 20, &w) || w == 0 ||
          !parse_count (parts[1], 1 << 20, &h) || h == 0)
        return FALSE;
    }
  else
    return FALSE;

  *width = (guint)w;
  *height = (guint)h;
  return TRUE;
}

gboolean
lk_safetensors_get_resolution (LkSafetensors *self,
                               guint         *width,
                               guint         *height)
{
  guint w = 0, h = 0;
  gboolean found;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), FALSE);

  found = parse_resolution (lk_safetensors_get_metadata_value (self, "ss_resolution"), &w, &h) ||
          parse_resolution (lk_safetensors_get_metadata_value (self, "modelspec.resolution"), &w, &h);

  if (!found)
    w = h = 0;
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;

  return found;
}

guint
lk_safetensors_get_num_epochs (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  return get_uint_value (self, "ss_num_epochs");
}

guint
lk_safetensors_get_epoch (LkSafetensors *self)
{
  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  return get_uint_value (self, "ss_epoch");
}

guint64
lk_safetensors_get_steps (LkSafetensors *self)
{
  guint64 steps;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), 0);

  if (!parse_count (lk_safetensors_get_metadata_value (self, "ss_steps"),
                    G_GUINT64_CONSTANT (1) << 52, &steps))
    return 0;

  return steps;
}

gint64
lk_safetensors_get_training_started_at (LkSafetensors *self)
{
  double t;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), -1);

  /* kohya writes time.time(): "1714036741.2153542". */
  if (!parse_number (lk_safetensors_get_metadata_value (self, "ss_training_started_at"), &t) ||
      t <= 0 || t > (double)MAX_UNIX_TIME)
    return -1;

  return (gint64)floor (t);
}

GDateTime *
lk_safetensors_dup_training_started (LkSafetensors *self)
{
  gint64 t;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  if ((t = lk_safetensors_get_training_started_at (self)) < 0)
    return NULL;

  return g_date_time_new_from_unix_utc (t);
}

GPtrArray *
lk_safetensors_dup_top_tags (LkSafetensors *self,
                             guint          max)
{
  GPtrArray *tags;
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  tags = _lk_safetensors_get_tags (self);
  n = max == 0 ? tags->len : MIN (max, tags->len);
  result = g_ptr_array_new_full (n, (GDestroyNotify)lk_tag_count_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (result, lk_tag_count_copy (g_ptr_array_index (tags, i)));

  return result;
}

char **
lk_safetensors_dup_suggested_triggers (LkSafetensors *self,
                                       guint          max)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *phrase = NULL;
  GPtrArray *tags;

  g_return_val_if_fail (LK_IS_SAFETENSORS (self), NULL);

  words = g_ptr_array_new_with_free_func (g_free);
  tags = _lk_safetensors_get_tags (self);

  phrase = g_strdup (lk_safetensors_get_metadata_value (self, "modelspec.trigger_phrase"));
  if (phrase != NULL && g_strstrip (phrase)[0] != '\0')
    g_ptr_array_add (words, g_steal_pointer (&phrase));

  for (guint i = 0; i < tags->len && (max == 0 || words->len < max); i++)
    {
      const LkTagCount *tag = g_ptr_array_index (tags, i);

      if (words->len > 0 && strcmp (g_ptr_array_index (words, 0), tag->tag) == 0)
        continue;

      g_ptr_array_add (words, g_strdup (tag->tag));
    }

  if (max > 0 && words->len > max)
    g_ptr_array_set_size (words, max);

  g_ptr_array_add (words, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&words), FALSE);
}
