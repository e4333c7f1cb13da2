/* bench-workflow.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The workflow engine on a generated 500-node template: load, validate, apply one generation's
 * edits, serialise. Side by side, the same text through json-glib's own parser and generator,
 * and through Python's json module doing what the studio's old web API did (load, set the
 * LoRA, dump). Prints median and 95th percentile per operation; asserts nothing about time. */

#include "config.h"

#include <stdlib.h>

#include "lk-workflow.h"
#include "lk-workflow-recipe.h"

#define N_BRANCHES 70

static const char python_script[] =
  "import json, sys, time\n"
  "text = sys.stdin.read()\n"
  "n = int(sys.argv[1])\n"
  "times = []\n"
  "for _ in range(n):\n"
  "    t = time.perf_counter()\n"
  "    g = json.loads(text)\n"
  "    g['10']['inputs']['lora_name'] = 'characters/mei_working_v1.safetensors'\n"
  "    g['10']['inputs']['strength_model'] = 0.8\n"
  "    g['10']['inputs']['strength_clip'] = 0.8\n"
  "    json.dumps(g)\n"
  "    times.append(time.perf_counter() - t)\n"
  "times.sort()\n"
  "print('%.3f %.3f' % (times[len(times) // 2] * 1000, times[(len(times) * 95) // 100] * 1000))\n";

static void
add_node (GString    *out,
          const char *id,
          const char *class_type,
          const char *title,
          const char *inputs)
{
  g_string_append_printf (out, "%s\"%s\": {\"inputs\": {%s}, \"class_type\": \"%s\", "
                          "\"_meta\": {\"title\": \"%s\"}}",
                          out->len > 1 ? ", " : "", id, inputs, class_type, title);
}

/* One checkpoint, the character's LoRA and two style LoRAs, a VAE, a hires-fix pass, then 70
 * branches of prompt, latent, sampler, decoder, saver and preview: 500 nodes. */
static char *
generate_template (void)
{
  GString *out = g_string_new ("{");

  add_node (out, "4", "CheckpointLoaderSimple", "Load Checkpoint",
            "\"ckpt_name\": \"v1-5-pruned-emaonly.safetensors\"");
  add_node (out, "10", "LoraLoader", "Character LoRA",
            "\"lora_name\": \"placeholder.safetensors\", \"strength_model\": 1.0, "
            "\"strength_clip\": 1.0, \"model\": [\"4\", 0], \"clip\": [\"4\", 1]");
  add_node (out, "11", "LoraLoader", "Style LoRA",
            "\"lora_name\": \"flat_color_style.safetensors\", \"strength_model\": 0.6, "
            "\"strength_clip\": 0.6, \"model\": [\"10\", 0], \"clip\": [\"10\", 1]");
  add_node (out, "12", "LoraLoader", "Detail LoRA",
            "\"lora_name\": \"add_detail.safetensors\", \"strength_model\": 0.4, "
            "\"strength_clip\": 0.4, \"model\": [\"11\", 0], \"clip\": [\"11\", 1]");
  add_node (out, "13", "VAELoader", "Load VAE", "\"vae_name\": \"vae-ft-mse-840000-ema-pruned.safetensors\"");

  /* A hires-fix pass on the first branch: its sampler has a lower id than the main ones. */
  add_node (out, "20", "LatentUpscale", "Upscale Latent",
            "\"upscale_method\": \"nearest-exact\", \"width\": 1024, \"height\": 1536, "
            "\"crop\": \"disabled\", \"samples\": [\"103\", 0]");
  add_node (out, "21", "KSampler", "KSampler (hires)",
            "\"seed\": 7, \"steps\": 12, \"cfg\": 7.5, \"sampler_name\": \"euler\", "
            "\"scheduler\": \"normal\", \"denoise\": 0.5, \"model\": [\"12\", 0], "
            "\"positive\": [\"100\", 0], \"negative\": [\"101\", 0], \"latent_image\": [\"20\", 0]");
  add_node (out, "22", "VAEDecode", "VAE Decode (hires)", "\"samples\": [\"21\", 0], \"vae\": [\"13\", 0]");
  add_node (out, "23", "SaveImage", "Save Image (hires)",
            "\"filename_prefix\": \"ComfyUI_hires\", \"images\": [\"22\", 0]");
  add_node (out, "24", "UpscaleModelLoader", "Load Upscale Model",
            "\"model_name\": \"4x-AnimeSharp.pth\"");

  for (guint b = 0; b < N_BRANCHES; b++)
    {
      guint base = 100 + b * 10;
      char id[7][16];
      g_autofree char *positive = NULL;
      g_autofree char *negative = NULL;
      g_autofree char *latent = NULL;
      g_autofree char *sampler = NULL;
      g_autofree char *decode = NULL;
      g_autofree char *save = NULL;
      g_autofree char *preview = NULL;

      for (guint i = 0; i < 7; i++)
        g_snprintf (id[i], sizeof id[i], "%u", base + i);

      positive = g_strdup_printf ("\"text\": \"masterpiece, best quality, 1girl, solo, pose %u, "
                                  "looking at viewer, smile, cherry blossoms\", \"clip\": [\"12\", 1]", b);
      negative = g_strdup ("\"text\": \"lowres, bad anatomy, bad hands, text, error, worst quality\", "
                           "\"clip\": [\"12\", 1]");
      latent = g_strdup ("\"width\": 512, \"height\": 768, \"batch_size\": 1");
      sampler = g_strdup_printf ("\"seed\": %u, \"steps\": 20, \"cfg\": 7.5, \"sampler_name\": \"euler\", "
                                 "\"scheduler\": \"normal\", \"denoise\": 1.0, \"model\": [\"12\", 0], "
                                 "\"positive\": [\"%s\", 0], \"negative\": [\"%s\", 0], "
                                 "\"latent_image\": [\"%s\", 0]", 1000 + b, id[0], id[1], id[2]);
      decode = g_strdup_printf ("\"samples\": [\"%s\", 0], \"vae\": [\"13\", 0]", id[3]);
      save = g_strdup_printf ("\"filename_prefix\": \"ComfyUI\", \"images\": [\"%s\", 0]", id[4]);
      preview = g_strdup_printf ("\"images\": [\"%s\", 0]", id[4]);

      add_node (out, id[0], "CLIPTextEncode", "Positive", positive);
      add_node (out, id[1], "CLIPTextEncode", "Negative", negative);
      add_node (out, id[2], "EmptyLatentImage", "Empty Latent Image", latent);
      add_node (out, id[3], "KSampler", "KSampler", sampler);
      add_node (out, id[4], "VAEDecode", "VAE Decode", decode);
      add_node (out, id[5], "SaveImage", "Save Image", save);
      add_node (out, id[6], "PreviewImage", "Preview Image", preview);
    }

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%-34s %9.3f %9.3f\n", name,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, (samples->len * 95) / 100));
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
run_python (const char *template_text,
            guint       iterations)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *count = g_strdup_printf ("%u", iterations);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (python == NULL)
    {
      g_print ("%-34s (python3 not found)\n", "python3 json load+edit+dump");
      return;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              python, "-c", python_script, count, NULL);
  g_assert_no_error (error);
  input = g_bytes_new_static (template_text, strlen (template_text));
  g_subprocess_communicate (process, input, NULL, &output, NULL, &error);
  g_assert_no_error (error);

  text = g_strndup (g_bytes_get_data (output, NULL), g_bytes_get_size (output));
  g_strstrip (text);
  {
    g_auto(GStrv) parts = g_strsplit (text, " ", 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    g_print ("%-34s %9s %9s\n", "python3 json load+edit+dump", parts[0], parts[1]);
  }
}

int
main (int   argc,
      char *argv[])
{
  guint iterations = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 300;
  g_autofree char *template_text = generate_template ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1, 25, 12, 0, 0);
  const char * const triggers[] = { "mei_v1", "mei", NULL };
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) validate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) serialise = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) glib_parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) glib_generate = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_nodes = 0;
  gsize output_size = 0;
  LkWorkflowRecipe recipe;

  if (iterations < 20)
    iterations = 20;

  lk_workflow_recipe_init (&recipe);
  recipe.lora_name = "characters/mei_working_v1.safetensors";
  recipe.trigger_words = triggers;
  recipe.prompt = "waving";
  recipe.negative_prompt = "blurry";
  recipe.seed_mode = LK_SEED_MODE_FIXED;
  recipe.seed = 123456789;
  recipe.width = 640;
  recipe.height = 960;
  recipe.output_pattern = "anime/{project}/{character}/anime_{kind}_{timestamp}";
  recipe.project = "Spring Festival";
  recipe.character = "Mei";
  recipe.timestamp = when;

  /* The first rounds warm caches and allocators; they are not counted. */
  for (guint i = 0; i < iterations + 10; i++)
    {
      g_autoptr(LkWorkflow) workflow = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 step = start;
      double t_load, t_validate, t_edit, t_serialise, t_total;

      workflow = lk_workflow_new_from_string (template_text, -1, &error);
      g_assert_no_error (error);
      t_load = elapsed_ms (step);

      step = g_get_monotonic_time ();
      problems = lk_workflow_validate (workflow);
      g_assert_cmpuint (problems->len, ==, 0);
      t_validate = elapsed_ms (step);

      step = g_get_monotonic_time ();
      if (!lk_workflow_apply_recipe (workflow, &recipe, &error))
        g_error ("%s", error->message);
      t_edit = elapsed_ms (step);

      step = g_get_monotonic_time ();
      text = lk_workflow_to_string (workflow, FALSE);
      t_serialise = elapsed_ms (step);
      t_total = elapsed_ms (start) - t_validate;

      if (i >= 10)
        {
          g_array_append_val (load, t_load);
          g_array_append_val (validate, t_validate);
          g_array_append_val (edit, t_edit);
          g_array_append_val (serialise, t_serialise);
          g_array_append_val (total, t_total);
        }
      n_nodes = lk_workflow_get_n_nodes (workflow);
      output_size = strlen (text);
    }

  for (guint i = 0; i < iterations + 10; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 start = g_get_monotonic_time ();
      double t_parse, t_generate;

      json_parser_load_from_data (parser, template_text, -1, &error);
      g_assert_no_error (error);
      t_parse = elapsed_ms (start);

      start = g_get_monotonic_time ();
      json_generator_set_root (generator, json_parser_get_root (parser));
      text = json_generator_to_data (generator, NULL);
      t_generate = elapsed_ms (start);

      if (i >= 10)
        {
          g_array_append_val (glib_parse, t_parse);
          g_array_append_val (glib_generate, t_generate);
        }
    }

  g_print ("# A %u-node workflow (%" G_GSIZE_FORMAT " bytes in, %" G_GSIZE_FORMAT " bytes out), "
           "%u iterations, milliseconds\n", n_nodes, strlen (template_text), output_size, iterations);
  g_print ("# edit = character LoRA, trigger words and prompt on %u encoders, negative prompt, "
           "seed, size, output names, then validation\n", N_BRANCHES);
  g_print ("%-34s %9s %9s\n", "operation", "median", "p95");
  report ("lk_workflow load", load);
  report ("lk_workflow validate", validate);
  report ("lk_workflow edit (recipe)", edit);
  report ("lk_workflow serialise", serialise);
  report ("load + edit + serialise (< 5 ms)", total);
  report ("json-glib parse (for comparison)", glib_parse);
  report ("json-glib generate", glib_generate);
  run_python (template_text, iterations);

  return 0;
}
