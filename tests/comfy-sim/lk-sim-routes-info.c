/* lk-sim-routes-info.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-routes"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "lk-sim-json.h"
#include "lk-sim-routes-private.h"

/* The read-only routes (object_info, models, system_stats, features, …) and the simulator's
 * own control route. */

static JsonNode *
string_list (GPtrArray *names,
             gboolean   strip_extension)
{
  JsonArray *list = json_array_new ();

  for (guint i = 0; names && i < names->len; i++)
    {
      g_autofree char *name = g_strdup (g_ptr_array_index (names, i));
      char *dot = strip_extension ? strrchr (name, '.') : NULL;

      if (dot && dot != name)
        *dot = '\0';
      json_array_add_string_element (list, name);
    }
  return lk_sim_json_array_node (list);
}

static JsonNode *
system_stats (LkComfySim *self)
{
  JsonObject *body = json_object_new ();
  JsonObject *system = json_object_new ();
  JsonObject *device = json_object_new ();
  JsonArray *devices = json_array_new ();
  JsonArray *argv = json_array_new ();
  gint64 page = sysconf (_SC_PAGESIZE);
  gint64 total = page * (gint64)sysconf (_SC_PHYS_PAGES);
  gint64 free_ram = page * (gint64)sysconf (_SC_AVPHYS_PAGES);

  json_array_add_string_element (argv, "main.py");
  json_object_set_string_member (system, "os", "posix");
  json_object_set_int_member (system, "ram_total", total);
  json_object_set_int_member (system, "ram_free", free_ram);
  json_object_set_string_member (system, "comfyui_version", "0.3.64");
  json_object_set_string_member (system, "required_frontend_version", "1.27.10");
  json_object_set_string_member (system, "installed_templates_version", "0.1.95");
  json_object_set_string_member (system, "required_templates_version", "0.1.95");
  json_object_set_string_member (system, "python_version",
                                 "3.12.3 (main, Sep 11 2025, 14:09:44) [GCC 13.3.0]");
  json_object_set_string_member (system, "pytorch_version", "2.8.0+cpu");
  json_object_set_boolean_member (system, "embedded_python", FALSE);
  json_object_set_array_member (system, "argv", argv);

  json_object_set_string_member (device, "name", "cpu");
  json_object_set_string_member (device, "type", "cpu");
  json_object_set_null_member (device, "index");
  json_object_set_int_member (device, "vram_total", total);
  json_object_set_int_member (device, "vram_free", free_ram);
  json_object_set_int_member (device, "torch_vram_total", total);
  json_object_set_int_member (device, "torch_vram_free", free_ram);
  json_array_add_object_element (devices, device);

  json_object_set_object_member (body, "system", system);
  json_object_set_array_member (body, "devices", devices);
  return lk_sim_json_object_node (body);
}

static JsonNode *
features (LkComfySim *self)
{
  JsonObject *body = json_object_new ();

  json_object_set_boolean_member (body, "supports_preview_metadata", TRUE);
  json_object_set_int_member (body, "max_upload_size", (gint64)self->max_upload_size);
  return lk_sim_json_object_node (body);
}

static void
restart_after_reply_cb (SoupServerMessage *msg,
                        gpointer           data)
{
  LkComfySim *self = g_object_get_data (G_OBJECT (msg), "lk-sim");

  _lk_comfy_sim_do_restart (self, GPOINTER_TO_UINT (data));
}

static void
handle_control (LkComfySim        *self,
                SoupServerMessage *msg,
                gboolean           post)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 restart_ms = -1;

  if (post)
    {
      root = _lk_sim_request_json (msg);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          _lk_sim_reply_text (msg, 400, "The control body must be a JSON object");
          return;
        }
      if (!_lk_comfy_sim_apply_control (self, json_node_get_object (root), &restart_ms, &error))
        {
          _lk_sim_reply_text (msg, 400, error->message);
          return;
        }
    }

  _lk_sim_reply_json (msg, 200, lk_sim_json_object_node (_lk_comfy_sim_control_state (self)));
  if (restart_ms >= 0)
    {
      g_object_set_data (G_OBJECT (msg), "lk-sim", self);
      g_signal_connect (msg, "finished", G_CALLBACK (restart_after_reply_cb),
                        GUINT_TO_POINTER ((guint)restart_ms));
    }
}

void
_lk_sim_route_get_object_info (LkComfySim        *self,
                               SoupServerMessage *msg,
                               const char        *tail,
                               GHashTable        *query)
{
  _lk_sim_reply_json (msg, 200, lk_sim_catalog_object_info (self->catalog, tail));
}

void
_lk_sim_route_get_models (LkComfySim        *self,
                          SoupServerMessage *msg,
                          const char        *tail,
                          GHashTable        *query)
{
  g_autoptr(GPtrArray) names = NULL;

  if (tail == NULL)
    {
      JsonArray *keys = lk_sim_json_strv (lk_sim_models_keys (self->models));

      _lk_sim_reply_json (msg, 200, lk_sim_json_array_node (keys));
      return;
    }

  names = lk_sim_models_list (self->models, tail);
  if (names == NULL)
    _lk_sim_reply_empty (msg, 404);
  else
    _lk_sim_reply_json (msg, 200, string_list (names, FALSE));
}

void
_lk_sim_route_get_embeddings (LkComfySim        *self,
                              SoupServerMessage *msg,
                              const char        *tail,
                              GHashTable        *query)
{
  g_autoptr(GPtrArray) names = lk_sim_models_list (self->models, "embeddings");

  _lk_sim_reply_json (msg, 200, string_list (names, TRUE));
}

void
_lk_sim_route_get_system_stats (LkComfySim        *self,
                                SoupServerMessage *msg,
                                const char        *tail,
                                GHashTable        *query)
{
  _lk_sim_reply_json (msg, 200, system_stats (self));
}

void
_lk_sim_route_get_features (LkComfySim        *self,
                            SoupServerMessage *msg,
                            const char        *tail,
                            GHashTable        *query)
{
  _lk_sim_reply_json (msg, 200, features (self));
}

void
_lk_sim_route_get_extensions (LkComfySim        *self,
                              SoupServerMessage *msg,
                              const char        *tail,
                              GHashTable        *query)
{
  _lk_sim_reply_json (msg, 200, lk_sim_json_array_node (json_array_new ()));
}

void
_lk_sim_route_get_control (LkComfySim        *self,
                           SoupServerMessage *msg,
                           const char        *tail,
                           GHashTable        *query)
{
  handle_control (self, msg, FALSE);
}

void
_lk_sim_route_post_control (LkComfySim        *self,
                            SoupServerMessage *msg,
                            const char        *tail,
                            GHashTable        *query)
{
  handle_control (self, msg, TRUE);
}
