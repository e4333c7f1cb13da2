/* lk-make-lora.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes a small but valid kohya-style LoRA `.safetensors` file: a few real-shaped
 * lora_down / lora_up / alpha tensors with deterministic small weights, and a
 * `__metadata__` object built from the command line. Used to build the demo catalog's LoRA
 * and by the tests; it links GLib and json-glib only, so it runs at build time. */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct
{
  const char *name;
  guint       in_features;
  guint       out_features;
} Module;

/* Real module names and widths: SD 1.x (CLIP-L 768, first UNet block 320) and SDXL
 * (CLIP-L + bigG, first attention block 640). */
static const Module sd15_modules[] = {
  { "lora_te_text_model_encoder_layers_0_self_attn_q_proj", 768, 768 },
  { "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q", 320, 320 },
  { "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k", 768, 320 },
};

static const Module sdxl_modules[] = {
  { "lora_te1_text_model_encoder_layers_0_self_attn_q_proj", 768, 768 },
  { "lora_te2_text_model_encoder_layers_0_self_attn_q_proj", 1280, 1280 },
  { "lora_unet_input_blocks_4_1_transformer_blocks_0_attn2_to_k", 2048, 640 },
};

static char *opt_output_name;
static char *opt_base_model = (char *)"sd_v1";
static int opt_dim = 8;
static double opt_alpha = -1;
static char *opt_resolution;
static int opt_epochs = -1;
static int opt_epoch = -1;
static int opt_steps = -1;
static char *opt_session_id;
static char *opt_tags;
static char *opt_trigger;
static char **opt_metadata;

static const GOptionEntry entries[] = {
  { "output-name", 0, 0, G_OPTION_ARG_STRING, &opt_output_name, "ss_output_name", "NAME" },
  { "base-model", 0, 0, G_OPTION_ARG_STRING, &opt_base_model,
    "ss_base_model_version: sd_v1 (default), sd_v2, sdxl_base_v1-0…", "VERSION" },
  { "dim", 0, 0, G_OPTION_ARG_INT, &opt_dim, "Network dim (rank) of the tensors, 1–256", "N" },
  { "alpha", 0, 0, G_OPTION_ARG_DOUBLE, &opt_alpha, "Network alpha (default: dim / 2)", "A" },
  { "resolution", 0, 0, G_OPTION_ARG_STRING, &opt_resolution, "ss_resolution, e.g. \"(512, 512)\"", "RES" },
  { "epochs", 0, 0, G_OPTION_ARG_INT, &opt_epochs, "ss_num_epochs", "N" },
  { "epoch", 0, 0, G_OPTION_ARG_INT, &opt_epoch, "ss_epoch", "N" },
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "ss_steps", "N" },
  { "session-id", 0, 0, G_OPTION_ARG_STRING, &opt_session_id, "ss_session_id", "ID" },
  { "tags", 0, 0, G_OPTION_ARG_STRING, &opt_tags,
    "ss_tag_frequency as \"tag:count,tag:count,…\"", "TAGS" },
  { "trigger", 0, 0, G_OPTION_ARG_STRING, &opt_trigger, "modelspec.trigger_phrase", "PHRASE" },
  { "metadata", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_metadata,
    "Any other metadata entry (repeatable)", "KEY=VALUE" },
  G_OPTION_ENTRY_NULL
};

static guint16
float_to_half (float value)
{
  guint32 bits;
  guint32 sign, mantissa;
  gint32 exponent;

  memcpy (&bits, &value, sizeof bits);
  sign = (bits >> 16) & 0x8000;
  exponent = (gint32)((bits >> 23) & 0xff) - 127 + 15;
  mantissa = bits & 0x7fffff;

  /* Only small finite weights are written: flush subnormals to zero, clamp the rest. */
  if (exponent <= 0)
    return (guint16)sign;
  if (exponent >= 31)
    return (guint16)(sign | 0x7bff);

  return (guint16)(sign | ((guint32)exponent << 10) | ((mantissa + 0x1000) >> 13));
}

/* A tiny linear congruential generator: the same file on every machine and build. */
static float
next_weight (guint32 *state)
{
  *state = *state * 1664525u + 1013904223u;

  return ((float)(*state >> 8) / (float)(1u << 24) - 0.5f) * 0.02f;
}

static void
add_tensor (JsonBuilder *header,
            GByteArray  *data,
            const char  *name,
            const char  *dtype,
            guint        rows,
            guint        cols,
            guint32     *state)
{
  guint64 begin = data->len;

  if (strcmp (dtype, "F32") == 0)
    {
      /* The alpha scalar. */
      float alpha = opt_alpha >= 0 ? (float)opt_alpha : (float)opt_dim / 2.0f;
      guint32 bits;

      memcpy (&bits, &alpha, sizeof bits);
      bits = GUINT32_TO_LE (bits);
      g_byte_array_append (data, (const guint8 *)&bits, sizeof bits);
    }
  else
    {
      for (guint i = 0; i < rows * cols; i++)
        {
          guint16 half = GUINT16_TO_LE (float_to_half (next_weight (state)));

          g_byte_array_append (data, (const guint8 *)&half, sizeof half);
        }
    }

  json_builder_set_member_name (header, name);
  json_builder_begin_object (header);
  json_builder_set_member_name (header, "dtype");
  json_builder_add_string_value (header, dtype);
  json_builder_set_member_name (header, "shape");
  json_builder_begin_array (header);
  if (rows > 0)
    {
      json_builder_add_int_value (header, rows);
      json_builder_add_int_value (header, cols);
    }
  json_builder_end_array (header);
  json_builder_set_member_name (header, "data_offsets");
  json_builder_begin_array (header);
  json_builder_add_int_value (header, begin);
  json_builder_add_int_value (header, data->len);
  json_builder_end_array (header);
  json_builder_end_object (header);
}

static char *
tag_frequency_json (const char  *tags,
                    const char  *dataset,
                    GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) items = g_strsplit (tags, ",", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, dataset);
  json_builder_begin_object (builder);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *colon = strrchr (items[i], ':');
      char *end = NULL;
      gint64 count;

      if (g_strstrip (items[i])[0] == '\0')
        continue;

      if (colon == NULL || (count = g_ascii_strtoll (colon + 1, &end, 10)) < 0 ||
          end == colon + 1 || *end != '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--tags: “%s” is not “tag:count”", items[i]);
          return NULL;
        }

      *colon = '\0';
      json_builder_set_member_name (builder, g_strstrip (items[i]));
      json_builder_add_int_value (builder, count);
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static const char *
architecture_for (const char *base_model)
{
  if (strstr (base_model, "xl") != NULL)
    return "stable-diffusion-xl-v1-base/lora";
  if (g_str_has_prefix (base_model, "sd_v2"))
    return "stable-diffusion-v2-512/lora";

  return "stable-diffusion-v1/lora";
}

static gboolean
build_metadata (JsonBuilder  *header,
                GError      **error)
{
  g_autofree char *dim = g_strdup_printf ("%d", opt_dim);
  char alpha[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (alpha, sizeof alpha, "%g", opt_alpha >= 0 ? opt_alpha : opt_dim / 2.0);

  json_builder_set_member_name (header, "__metadata__");
  json_builder_begin_object (header);

#define ADD(key, value) G_STMT_START {                          \
    json_builder_set_member_name (header, key);                 \
    json_builder_add_string_value (header, value);              \
  } G_STMT_END
#define ADD_INT(key, value) G_STMT_START {                      \
    if ((value) >= 0) {                                         \
      g_autofree char *text = g_strdup_printf ("%d", value);    \
      ADD (key, text);                                          \
    }                                                           \
  } G_STMT_END

  ADD ("modelspec.sai_model_spec", "1.0.0");
  ADD ("modelspec.architecture", architecture_for (opt_base_model));
  ADD ("modelspec.implementation", "https://github.com/Stability-AI/generative-models");
  if (opt_output_name)
    ADD ("modelspec.title", opt_output_name);
  if (opt_trigger)
    ADD ("modelspec.trigger_phrase", opt_trigger);
  ADD ("ss_network_module", "networks.lora");
  ADD ("ss_base_model_version", opt_base_model);
  ADD ("ss_network_dim", dim);
  ADD ("ss_network_alpha", alpha);
  if (opt_output_name)
    ADD ("ss_output_name", opt_output_name);
  if (opt_session_id)
    ADD ("ss_session_id", opt_session_id);
  if (opt_resolution)
    ADD ("ss_resolution", opt_resolution);
  ADD_INT ("ss_num_epochs", opt_epochs);
  ADD_INT ("ss_epoch", opt_epoch);
  ADD_INT ("ss_steps", opt_steps);

  if (opt_tags)
    {
      g_autofree char *dataset = g_strdup_printf ("10_%s", opt_output_name ? opt_output_name : "lora");
      g_autofree char *json = tag_frequency_json (opt_tags, dataset, error);

      if (json == NULL)
        return FALSE;
      ADD ("ss_tag_frequency", json);
    }

  for (guint i = 0; opt_metadata != NULL && opt_metadata[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (opt_metadata[i], "=", 2);

      if (kv[0] == NULL || kv[0][0] == '\0' || kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--metadata: “%s” is not “key=value”", opt_metadata[i]);
          return FALSE;
        }
      ADD (kv[0], kv[1]);
    }

#undef ADD_INT
#undef ADD

  json_builder_end_object (header);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonBuilder) header = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GString) file = NULL;
  g_autoptr(GError) error = NULL;
  const Module *modules = sd15_modules;
  guint n_modules = G_N_ELEMENTS (sd15_modules);
  guint32 state = 0x4c6f5261; /* "LoRa" */
  gsize header_length;
  guint64 length_le;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("OUTPUT.safetensors");
  g_option_context_set_summary (context, "Write a small kohya-style LoRA file for demos and tests.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lk-make-lora: %s\n", error->message);
      return 2;
    }

  if (argc != 2 || opt_dim < 1 || opt_dim > 256)
    {
      g_printerr ("lk-make-lora: give one output file, and --dim between 1 and 256\n");
      return 2;
    }

  if (strstr (opt_base_model, "xl") != NULL)
    {
      modules = sdxl_modules;
      n_modules = G_N_ELEMENTS (sdxl_modules);
    }

  header = json_builder_new ();
  data = g_byte_array_new ();

  json_builder_begin_object (header);
  if (!build_metadata (header, &error))
    {
      g_printerr ("lk-make-lora: %s\n", error->message);
      return 2;
    }

  for (guint i = 0; i < n_modules; i++)
    {
      g_autofree char *alpha = g_strconcat (modules[i].name, ".alpha", NULL);
      g_autofree char *down = g_strconcat (modules[i].name, ".lora_down.weight", NULL);
      g_autofree char *up = g_strconcat (modules[i].name, ".lora_up.weight", NULL);

      add_tensor (header, data, alpha, "F32", 0, 0, &state);
      add_tensor (header, data, down, "F16", opt_dim, modules[i].in_features, &state);
      add_tensor (header, data, up, "F16", modules[i].out_features, opt_dim, &state);
    }
  json_builder_end_object (header);

  root = json_builder_get_root (header);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  file = g_string_new (NULL);
  g_string_set_size (file, 8);
  json_generator_to_gstring (generator, file);

  /* The safetensors format pads the header with spaces so the data starts 8-aligned. */
  while (file->len % 8 != 0)
    g_string_append_c (file, ' ');

  header_length = file->len - 8;
  length_le = GUINT64_TO_LE ((guint64)header_length);
  memcpy (file->str, &length_le, sizeof length_le);
  g_string_append_len (file, (const char *)data->data, data->len);

  if (!g_file_set_contents (argv[1], file->str, file->len, &error))
    {
      g_printerr ("lk-make-lora: %s\n", error->message);
      return 1;
    }

  g_strfreev (opt_metadata);

  return 0;
}
