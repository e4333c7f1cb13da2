/* lk-training-set-lint.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Caption lint: what makes a LoRA learn the wrong thing, found before hours of training. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-set-lint"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-training-set-private.h"

#define MIN_IMAGES 10
#define MAX_STEP_RATIO 3

static void
add_finding (GPtrArray             *findings,
             LkTrainingFindingKind  kind,
             gboolean               blocking,
             const char            *path,
             char                  *message,
             char                  *fix)
{
  LkTrainingFinding *finding = g_new0 (LkTrainingFinding, 1);

  finding->kind = kind;
  finding->blocking = blocking;
  finding->path = g_strdup (path);
  finding->message = message;
  finding->fix = fix;
  g_ptr_array_add (findings, finding);
}

static void
lint_image (LkTrainingSet    *self,
            LkReferenceImage *image,
            GPtrArray        *findings)
{
  const char *path = lk_reference_image_get_path (image);
  g_autofree char *name = g_path_get_basename (path);
  g_auto(GStrv) tags = _lk_training_split_tags (lk_reference_image_get_caption (image));
  g_autofree char *trigger = g_utf8_strdown (self->trigger_word, -1);

  if (tags[0] == NULL)
    {
      add_finding (findings, LK_TRAINING_FINDING_MISSING_CAPTION, TRUE, path,
                   g_strdup_printf (_("%s has no caption."), name),
                   g_strdup_printf (_("Write one, starting with “%s”, then what differs in this "
                                      "picture (pose, expression, background)."),
                                    self->trigger_word));
      return;
    }

  if (g_strcmp0 (tags[0], trigger) == 0)
    return;

  if (g_strv_contains ((const char * const *)tags, trigger))
    add_finding (findings, LK_TRAINING_FINDING_TRIGGER_NOT_FIRST, FALSE, path,
                 g_strdup_printf (_("The caption of %s has “%s”, but not first."), name,
                                  self->trigger_word),
                 g_strdup_printf (_("Move “%s” to the front: only the first tag stays in "
                                    "place when captions are shuffled."), self->trigger_word));
  else
    add_finding (findings, LK_TRAINING_FINDING_TRIGGER_MISSING, FALSE, path,
                 g_strdup_printf (_("The caption of %s lacks the trigger word “%s”."), name,
                                  self->trigger_word),
                 g_strdup_printf (_("Start the caption with “%s”."), self->trigger_word));
}

/* A trait in most captions is learned as a word of its own instead of as part of the
 * character, so the LoRA later needs it spelled out to draw the character right. */
static void
lint_traits (LkTrainingSet *self,
             GPtrArray     *findings)
{
  GListModel *images = G_LIST_MODEL (self->images);
  guint n_images = g_list_model_get_n_items (images);

  if (n_images == 0)
    return;

  for (guint t = 0; self->traits[t]; t++)
    {
      g_autofree char *trait = g_utf8_strdown (self->traits[t], -1);
      guint count = 0;

      g_strstrip (trait);
      if (*trait == '\0')
        continue;

      for (guint i = 0; i < n_images; i++)
        {
          g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);
          g_auto(GStrv) tags = _lk_training_split_tags (lk_reference_image_get_caption (image));

          count += g_strv_contains ((const char * const *)tags, trait);
        }

      if (count * 2 > n_images)
        add_finding (findings, LK_TRAINING_FINDING_FIXED_TRAIT, FALSE, NULL,
                     g_strdup_printf (_("“%s” is in %u of %u captions, but it is a fixed "
                                        "trait of %s."), self->traits[t], count, n_images,
                                      self->character_name),
                     g_strdup_printf (_("Remove “%s” from the captions, so “%s” learns it."),
                                      self->traits[t], self->trigger_word));
    }
}

static void
lint_concepts (LkTrainingSet *self,
               GPtrArray     *findings)
{
  GListModel *images = G_LIST_MODEL (self->images);
  guint n_images = g_list_model_get_n_items (images);
  guint n_concepts = self->outfits->len + 1;
  g_autofree guint *counts = g_new0 (guint, n_concepts);
  guint most = 0, least = G_MAXUINT;
  int most_concept = -1, least_concept = -1;

  if (n_images < MIN_IMAGES)
    add_finding (findings, LK_TRAINING_FINDING_FEW_IMAGES, FALSE, NULL,
                 g_strdup_printf (ngettext ("The set has %u image; a character needs about %u "
                                            "to %u.",
                                            "The set has %u images; a character needs about %u "
                                            "to %u.", n_images),
                                  n_images, MIN_IMAGES, 4 * MIN_IMAGES),
                 g_strdup (_("Add training images from the gallery or from disk, with varied "
                             "poses and backgrounds.")));

  for (guint i = 0; i < n_images; i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

      counts[_lk_training_set_concept_of (self, image) + 1]++;
    }

  for (guint c = 1; c < n_concepts; c++)
    if (counts[c] == 0)
      add_finding (findings, LK_TRAINING_FINDING_EMPTY_OUTFIT, FALSE, NULL,
                   g_strdup_printf (_("The outfit trigger “%s” has no image."),
                                    (char *)g_ptr_array_index (self->outfits, c - 1)),
                   g_strdup_printf (_("Add pictures of the outfit with “%s” in their captions, "
                                      "or remove the outfit."),
                                    (char *)g_ptr_array_index (self->outfits, c - 1)));

  for (guint c = 0; c < n_concepts; c++)
    {
      guint steps = counts[c] * _lk_training_set_get_concept_repeats (self, (int)c - 1);

      if (counts[c] == 0)
        continue;
      if (steps > most)
        most = steps, most_concept = (int)c - 1;
      if (steps < least)
        least = steps, least_concept = (int)c - 1;
    }

  if (most_concept != least_concept && least > 0 && most > MAX_STEP_RATIO * least)
    {
      g_autofree char *big = _lk_training_set_dup_concept_name (self, most_concept);
      g_autofree char *small = _lk_training_set_dup_concept_name (self, least_concept);
      guint wanted = (most / counts[least_concept + 1]) / 2;

      add_finding (findings, LK_TRAINING_FINDING_UNBALANCED_REPEATS, FALSE, NULL,
                   g_strdup_printf (_("“%s” gets %u steps per epoch, “%s” only %u: the "
                                      "smaller one will hardly be learned."), big, most, small,
                                    least),
                   g_strdup_printf (_("Raise the repeats of “%s” to about %u, or lower those "
                                      "of “%s”."), small, MAX (wanted, 1), big));
    }
}

GPtrArray *
lk_training_set_lint (LkTrainingSet *self)
{
  GPtrArray *findings;
  GListModel *images;

  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_training_finding_free);
  images = G_LIST_MODEL (self->images);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

      lint_image (self, image, findings);
    }
  lint_traits (self, findings);
  lint_concepts (self, findings);

  if (self->base_checkpoint == NULL)
    add_finding (findings, LK_TRAINING_FINDING_NO_CHECKPOINT, FALSE, NULL,
                 g_strdup_printf (_("The profile of %s names no base checkpoint, so the "
                                    "command says BASE-CHECKPOINT instead."),
                                  self->character_name),
                 g_strdup (_("Give the project a generation profile with a checkpoint, or put "
                             "the checkpoint's path into the command yourself.")));

  return findings;
}
