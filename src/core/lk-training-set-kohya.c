/* lk-training-set-kohya.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What kohya's sd-scripts read of a training set: the concept folders
 * (`<repeats>_<trigger> <class>`), `dataset_config.toml` and the train_network.py command. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-training-set-kohya"

#include "config.h"

#include <string.h>

#include "lk-toml-writer.h"
#include "lk-training-set-private.h"

int
_lk_training_set_concept_of (LkTrainingSet    *self,
                             LkReferenceImage *image)
{
  g_auto(GStrv) tags = _lk_training_split_tags (lk_reference_image_get_caption (image));

  for (guint i = 0; i < self->outfits->len; i++)
    {
      g_autofree char *outfit = g_utf8_strdown (g_ptr_array_index (self->outfits, i), -1);

      if (g_strv_contains ((const char * const *)tags, outfit))
        return (int)i;
    }

  return -1;
}

char *
_lk_training_set_dup_concept_name (LkTrainingSet *self,
                                   int            concept)
{
  char *name;

  if (concept < 0)
    name = g_strdup_printf ("%u_%s %s", self->repeats, self->trigger_word, self->class_word);
  else
    name = g_strdup_printf ("%u_%s %s", g_array_index (self->outfit_repeats, guint, concept),
                            self->trigger_word,
                            (char *)g_ptr_array_index (self->outfits, concept));

  /* it names a folder */
  return g_strdelimit (name, "/\\", '_');
}

guint
_lk_training_set_get_concept_repeats (LkTrainingSet *self,
                                      int            concept)
{
  return concept < 0 ? self->repeats : g_array_index (self->outfit_repeats, guint, concept);
}

char *
lk_training_set_dup_concept_folder (LkTrainingSet    *self,
                                    LkReferenceImage *image)
{
  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  g_return_val_if_fail (LK_IS_REFERENCE_IMAGE (image), NULL);

  return _lk_training_set_dup_concept_name (self, _lk_training_set_concept_of (self, image));
}

char *
lk_training_set_dup_dataset_config (LkTrainingSet *self,
                                    const char    *export_dir)
{
  g_autoptr(LkTomlWriter) toml = lk_toml_writer_new ();
  guint n_images;

  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  g_return_val_if_fail (export_dir != NULL, NULL);

  n_images = g_list_model_get_n_items (G_LIST_MODEL (self->images));

  lk_toml_writer_table (toml, "general");
  lk_toml_writer_bool (toml, "shuffle_caption", TRUE);
  lk_toml_writer_string (toml, "caption_extension", ".txt");
  lk_toml_writer_int (toml, "keep_tokens", 1);

  lk_toml_writer_array_table (toml, "datasets");
  lk_toml_writer_int (toml, "resolution", self->resolution);
  lk_toml_writer_int (toml, "batch_size", 1);
  lk_toml_writer_bool (toml, "enable_bucket", TRUE);

  /* One subset per concept that has images, base concept first. */
  for (int concept = -1; concept < (int)self->outfits->len; concept++)
    {
      g_autofree char *name = _lk_training_set_dup_concept_name (self, concept);
      g_autofree char *image_dir = NULL;
      gboolean used = FALSE;

      for (guint i = 0; i < n_images && !used; i++)
        {
          g_autoptr(LkReferenceImage) image = g_list_model_get_item (G_LIST_MODEL (self->images),
                                                                     i);

          used = _lk_training_set_concept_of (self, image) == concept;
        }
      if (!used)
        continue;

      image_dir = g_build_filename (export_dir, "img", name, NULL);
      lk_toml_writer_array_table (toml, "datasets.subsets");
      lk_toml_writer_string (toml, "image_dir", image_dir);
      lk_toml_writer_int (toml, "num_repeats",
                          _lk_training_set_get_concept_repeats (self, concept));
      /* the folder name without "<repeats>_": kohya's class tokens */
      lk_toml_writer_string (toml, "class_tokens", strchr (name, '_') + 1);
    }

  return g_strdup (lk_toml_writer_get_text (toml));
}

char **
lk_training_set_dup_command (LkTrainingSet *self,
                             const char    *export_dir,
                             const char    *python,
                             const char    *scripts_dir)
{
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  const char *script = self->sdxl ? "sdxl_train_network.py" : "train_network.py";
  g_autofree char *config = NULL;
  g_autofree char *model_dir = NULL;
  g_autofree char *log_dir = NULL;

  g_return_val_if_fail (LK_IS_TRAINING_SET (self), NULL);
  g_return_val_if_fail (export_dir != NULL, NULL);

  config = g_build_filename (export_dir, "dataset_config.toml", NULL);
  model_dir = g_build_filename (export_dir, "model", NULL);
  log_dir = g_build_filename (export_dir, "log", NULL);

  g_strv_builder_add (argv, python ? python : "python");
  _lk_strv_builder_add_owned (argv, scripts_dir ? g_build_filename (scripts_dir, script, NULL)
                                                : g_strdup (script));
  _lk_strv_builder_add_owned (argv,
                              g_strdup_printf ("--pretrained_model_name_or_path=%s",
                                               self->base_checkpoint ? self->base_checkpoint
                                                                     : "BASE-CHECKPOINT"));
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--dataset_config=%s", config));
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--output_dir=%s", model_dir));
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--output_name=%s", self->output_name));
  g_strv_builder_add (argv, "--save_model_as=safetensors");
  g_strv_builder_add (argv, "--network_module=networks.lora");
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--network_dim=%u", self->network_dim));
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--network_alpha=%u", self->network_alpha));
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--max_train_epochs=%u", self->epochs));
  g_strv_builder_add (argv, "--save_every_n_epochs=1");
  g_strv_builder_add (argv, "--learning_rate=1e-4");
  g_strv_builder_add (argv, "--optimizer_type=AdamW8bit");
  g_strv_builder_add (argv, "--mixed_precision=fp16");
  g_strv_builder_add (argv, "--cache_latents");
  _lk_strv_builder_add_owned (argv, g_strdup_printf ("--logging_dir=%s", log_dir));

  return g_strv_builder_end (argv);
}
