/* main.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-comfy-sim"

#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-comfy-sim.h"

/*
 * lk-comfy-sim: the ComfyUI simulator as a program, for trying Lorakeet by hand and for
 * tests that run it as a subprocess. The first line on stdout is
 * "listening on http://ADDRESS:PORT" (https with --tls-certfile); SIGINT or SIGTERM stops it.
 */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* The model files the demo studio's profiles and templates name (data/sql/demo-studio.sql),
 * as small placeholders: the simulator only lists and checks names. */
static gboolean
make_demo_models (const char  *models_dir,
                  GError     **error)
{
  static const char * const files[] = {
    "checkpoints/realisticVisionV51_v51VAE.safetensors",
    "checkpoints/anything-v5-PrtRE.safetensors",
    "checkpoints/v1-5-pruned-emaonly.safetensors",
    "loras/mei_working_v1.safetensors",
    "vae/vae-ft-mse-840000-ema-pruned.safetensors",
    "animatediff_models/mm_sd_v15_v2.ckpt",
    "animatediff_motion_lora/v2_lora_ZoomIn.ckpt",
    NULL
  };

  for (guint i = 0; files[i]; i++)
    {
      g_autofree char *path = g_build_filename (models_dir, files[i], NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (g_mkdir_with_parents (dir, 0755) != 0
          || !g_file_set_contents (path, "placeholder model for lk-comfy-sim\n", -1, error))
        {
          if (error && *error == NULL)
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot create %s", dir);
          return FALSE;
        }
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *base_dir = NULL;
  g_autofree char *models_dir = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *input_dir = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *preview_method = NULL;
  g_autofree char *hostile = NULL;
  g_autofree char *reject = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *tls_certfile = NULL;
  g_autofree char *tls_keyfile = NULL;
  g_auto(GStrv) disabled = NULL;
  g_auto(GStrv) fail_routes = NULL;
  int port = 8188, step_ms = -1, max_resolution = 0, drop_after = 0, history_delay = 0;
  gboolean stall = FALSE, hazard = FALSE, demo = FALSE;
  GOptionEntry entries[] = {
    { "base-dir", 0, 0, G_OPTION_ARG_FILENAME, &base_dir,
      "Directory holding models/, input/, output/ and temp/ (default: current directory)", "DIR" },
    { "models-dir", 0, 0, G_OPTION_ARG_FILENAME, &models_dir,
      "Model folders: checkpoints/, loras/, vae/, animatediff_models/...", "DIR" },
    { "demo-models", 0, 0, G_OPTION_ARG_NONE, &demo,
      "Create placeholders for the demo studio's model files where missing", NULL },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir, "Where output nodes write", "DIR" },
    { "input-dir", 0, 0, G_OPTION_ARG_FILENAME, &input_dir, "LoadImage's folder", "DIR" },
    { "temp-dir", 0, 0, G_OPTION_ARG_FILENAME, &temp_dir,
      "PreviewImage's folder, emptied at start and stop", "DIR" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      "Address to bind (default 127.0.0.1)", "ADDRESS" },
    { "tls-certfile", 0, 0, G_OPTION_ARG_FILENAME, &tls_certfile,
      "Serve HTTPS and WSS with this PEM certificate (and chain)", "FILE" },
    { "tls-keyfile", 0, 0, G_OPTION_ARG_FILENAME, &tls_keyfile,
      "The certificate's PEM private key (default: read from --tls-certfile)", "FILE" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port, 0 for any free one (default 8188)", "PORT" },
    { "step-ms", 0, 0, G_OPTION_ARG_INT, &step_ms,
      "Duration of one sampler step (default 20)", "MS" },
    { "preview-method", 0, 0, G_OPTION_ARG_STRING, &preview_method,
      "none, auto, latent2rgb or taesd", "METHOD" },
    { "max-resolution", 0, 0, G_OPTION_ARG_INT, &max_resolution,
      "Largest width or height accepted (default 4096)", "PIXELS" },
    { "disable-node", 0, 0, G_OPTION_ARG_STRING_ARRAY, &disabled,
      "Remove a node class (repeatable)", "CLASS" },
    { "drop-ws-after-step", 0, 0, G_OPTION_ARG_INT, &drop_after,
      "Cut every WebSocket after sampler step K", "K" },
    { "stall", 0, 0, G_OPTION_ARG_NONE, &stall,
      "Start with jobs stalled (release with POST /__sim/control {\"stall\": false})", NULL },
    { "fail-route", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fail_routes,
      "Answer ROUTE with STATUS (default 500), e.g. /history=500 (repeatable)", "ROUTE[=STATUS]" },
    { "history-delay-ms", 0, 0, G_OPTION_ARG_INT, &history_delay,
      "Delay every /history answer", "MS" },
    { "hostile-names", 0, 0, G_OPTION_ARG_STRING, &hostile,
      "Report hostile output names: dotdot, absolute, nul, long, subfolder, backslash or all",
      "KIND" },
    { "reject-prompts", 0, 0, G_OPTION_ARG_STRING, &reject,
      "Reject every prompt with this error type", "TYPE" },
    { "origin-check", 0, 0, G_OPTION_ARG_STRING, &origin,
      "loopback (ComfyUI's rule), off, or strict (refuse any Origin)", "MODE" },
    { "reconnect-hazard", 0, 0, G_OPTION_ARG_NONE, &hazard,
      "Reproduce v0.3.64's same-clientId reconnect bug", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkComfySim) sim = NULL;
  g_autoptr(JsonObject) control = json_object_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  const char *address;
  const char *scheme;
  guint16 bound = 0;

  options = g_option_context_new ("- a ComfyUI server simulator for Lorakeet's tests");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("--port must be between 0 and 65535\n");
      return EXIT_FAILURE;
    }
  if (tls_keyfile && !tls_certfile)
    {
      g_printerr ("--tls-keyfile needs --tls-certfile\n");
      return EXIT_FAILURE;
    }

  sim = lk_comfy_sim_new (base_dir ? base_dir : cwd);
  if (models_dir)
    lk_comfy_sim_set_models_dir (sim, models_dir);
  if (output_dir)
    lk_comfy_sim_set_output_dir (sim, output_dir);
  if (input_dir)
    lk_comfy_sim_set_input_dir (sim, input_dir);
  if (temp_dir)
    lk_comfy_sim_set_temp_dir (sim, temp_dir);
  lk_comfy_sim_set_listen (sim, listen ? listen : "127.0.0.1", (guint16)port);
  if (tls_certfile)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      if (tls_keyfile)
        certificate = g_tls_certificate_new_from_files (tls_certfile, tls_keyfile, &error);
      else
        certificate = g_tls_certificate_new_from_file (tls_certfile, &error);
      if (certificate == NULL)
        {
          g_printerr ("Cannot load the TLS certificate: %s\n", error->message);
          return EXIT_FAILURE;
        }
      lk_comfy_sim_set_tls_certificate (sim, certificate);
    }
  if (max_resolution > 0)
    lk_comfy_sim_set_max_resolution (sim, (guint)max_resolution);
  for (guint i = 0; disabled && disabled[i]; i++)
    lk_comfy_sim_disable_node (sim, disabled[i]);

  if (step_ms >= 0)
    json_object_set_int_member (control, "step_ms", step_ms);
  if (preview_method)
    json_object_set_string_member (control, "preview_method", preview_method);
  if (drop_after > 0)
    json_object_set_int_member (control, "drop_ws_after_step", drop_after);
  if (stall)
    json_object_set_boolean_member (control, "stall", TRUE);
  if (history_delay > 0)
    json_object_set_int_member (control, "history_delay_ms", history_delay);
  if (hostile)
    json_object_set_string_member (control, "hostile_names", hostile);
  if (reject)
    json_object_set_string_member (control, "reject_prompts", reject);
  if (origin)
    json_object_set_string_member (control, "origin_check", origin);
  if (hazard)
    json_object_set_boolean_member (control, "reconnect_hazard", TRUE);
  if (!lk_comfy_sim_control (sim, control, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; fail_routes && fail_routes[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (fail_routes[i], "=", 2);
      g_autoptr(JsonObject) failure = json_object_new ();
      g_autoptr(JsonObject) one = json_object_new ();

      json_object_set_string_member (failure, "route", parts[0]);
      json_object_set_int_member (failure, "status",
                                  parts[1] ? g_ascii_strtoll (parts[1], NULL, 10) : 500);
      json_object_set_object_member (one, "fail_route", json_object_ref (failure));
      if (!lk_comfy_sim_control (sim, one, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  if (demo && !make_demo_models (lk_comfy_sim_get_models_dir (sim), &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (!lk_comfy_sim_start (sim, NULL, &bound, &error))
    {
      g_printerr ("Cannot start the simulator: %s\n", error->message);
      return EXIT_FAILURE;
    }

  address = listen ? listen : "127.0.0.1";
  scheme = lk_comfy_sim_get_tls (sim) ? "https" : "http";
  if (strchr (address, ':'))
    g_print ("listening on %s://[%s]:%u\n", scheme, address, bound);
  else
    g_print ("listening on %s://%s:%u\n", scheme, address, bound);
  g_print ("models %s\noutput %s\ninput %s\n", lk_comfy_sim_get_models_dir (sim),
           lk_comfy_sim_get_output_dir (sim), lk_comfy_sim_get_input_dir (sim));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  lk_comfy_sim_stop (sim);
  return EXIT_SUCCESS;
}
