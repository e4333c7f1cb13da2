/* lk-comfy-sim-control.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-comfy-sim"

#include "config.h"

#include <string.h>

#include "lk-comfy-sim-private.h"
#include "lk-sim-json.h"

/*
 * The failure switches, one code path for the command line, POST /__sim/control and the C
 * API. A control object is checked whole before anything changes.
 */

static const char * const hostile_names[] = {
  "none", "dotdot", "absolute", "nul", "long", "subfolder", "backslash", "all", NULL
};

static const char * const origin_checks[] = { "loopback", "off", "strict", NULL };

static const char * const preview_methods[] = { "none", "auto", "latent2rgb", "taesd", NULL };

static const char * const known_keys[] = {
  "reset", "drop_ws_after_step", "stall", "release", "fail_route", "history_delay_ms",
  "hostile_names", "reject_prompts", "origin_check", "reconnect_hazard", "step_ms",
  "preview_method", "restart", NULL
};

static int
index_of (const char * const *names,
          const char         *name)
{
  for (int i = 0; name && names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

static gboolean
bad (GError     **error,
     const char  *key,
     const char  *expected)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” must be %s",
               key, expected);
  return FALSE;
}

static gboolean
get_uint (JsonObject  *control,
          const char  *key,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (control, key);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXUINT32)
    return bad (error, key, "a non-negative integer");
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_bool (JsonObject  *control,
          const char  *key,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (control, key);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad (error, key, "true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_choice (JsonObject          *control,
            const char          *key,
            const char * const  *choices,
            int                 *out,
            GError             **error)
{
  const char *text = lk_sim_json_get_string (control, key);
  g_autofree char *list = g_strjoinv ("”, “", (char **)choices);
  g_autofree char *expected = g_strdup_printf ("one of “%s”", list);

  if ((*out = index_of (choices, text)) < 0)
    return bad (error, key, expected);
  return TRUE;
}

/* The normalised route of a path: without /api, e.g. "/history" */
static char *
route_key (const char *route)
{
  if (g_str_has_prefix (route, "/api/"))
    route += 4;
  return g_strdup (route);
}

typedef struct
{
  gint64   drop_ws_after_step, history_delay_ms, step_ms, fail_status, restart_ms;
  gboolean stall, release, reset, hazard;
  int      hostile, origin, preview;
  char    *fail_route;
} Parsed;

static gboolean
parse_fail_route (JsonObject  *control,
                  Parsed      *parsed,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (control, "fail_route");
  JsonObject *object;
  const char *route;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, "fail_route", "an object {\"route\": \"/history\", \"status\": 500}");
  object = json_node_get_object (node);
  route = lk_sim_json_get_string (object, "route");
  if (route == NULL || route[0] != '/')
    return bad (error, "fail_route.route", "a path such as “/history”");
  parsed->fail_status = 500;
  if (json_object_has_member (object, "status")
      && !get_uint (object, "status", &parsed->fail_status, error))
    return FALSE;
  if (parsed->fail_status != 0 && (parsed->fail_status < 100 || parsed->fail_status > 599))
    return bad (error, "fail_route.status", "0 (to clear) or an HTTP status");
  parsed->fail_route = route_key (route);
  return TRUE;
}

static gboolean
parse_restart (JsonObject  *control,
               Parsed      *parsed,
               GError     **error)
{
  JsonNode *node = json_object_get_member (control, "restart");

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      parsed->restart_ms = json_node_get_boolean (node) ? 0 : -1;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      parsed->restart_ms = 0;
      return !json_object_has_member (object, "refuse_ms")
             || get_uint (object, "refuse_ms", &parsed->restart_ms, error);
    }
  return bad (error, "restart", "true or {\"refuse_ms\": N}");
}

static gboolean
parse (JsonObject  *control,
       Parsed      *parsed,
       GError     **error)
{
  GList *names = json_object_get_members (control);
  gboolean ok = TRUE;

  for (GList *l = names; l && ok; l = l->next)
    if (index_of (known_keys, l->data) < 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "Unknown simulator switch “%s”", (char *)l->data);
        ok = FALSE;
      }
  g_list_free (names);
  if (!ok)
    return FALSE;

#define HAS(key) json_object_has_member (control, key)
  return (!HAS ("reset") || get_bool (control, "reset", &parsed->reset, error))
         && (!HAS ("drop_ws_after_step")
             || get_uint (control, "drop_ws_after_step", &parsed->drop_ws_after_step, error))
         && (!HAS ("stall") || get_bool (control, "stall", &parsed->stall, error))
         && (!HAS ("release") || get_bool (control, "release", &parsed->release, error))
         && (!HAS ("fail_route") || parse_fail_route (control, parsed, error))
         && (!HAS ("history_delay_ms")
             || get_uint (control, "history_delay_ms", &parsed->history_delay_ms, error))
         && (!HAS ("hostile_names")
             || get_choice (control, "hostile_names", hostile_names, &parsed->hostile, error))
         && (!HAS ("reject_prompts")
             || JSON_NODE_HOLDS_NULL (json_object_get_member (control, "reject_prompts"))
             || lk_sim_json_get_string (control, "reject_prompts")
             || bad (error, "reject_prompts", "an error type or null"))
         && (!HAS ("origin_check")
             || get_choice (control, "origin_check", origin_checks, &parsed->origin, error))
         && (!HAS ("reconnect_hazard")
             || get_bool (control, "reconnect_hazard", &parsed->hazard, error))
         && (!HAS ("step_ms") || get_uint (control, "step_ms", &parsed->step_ms, error))
         && (!HAS ("preview_method")
             || get_choice (control, "preview_method", preview_methods, &parsed->preview, error))
         && (!HAS ("restart") || parse_restart (control, parsed, error));
#undef HAS
}

static void
set_stalled (LkComfySim *self,
             gboolean    stalled)
{
  gboolean was = self->stalled;

  self->stalled = stalled;
  if (was && !stalled && self->executor)
    lk_sim_executor_release (self->executor);
}

/**
 * _lk_comfy_sim_apply_control:
 * @self: a simulator
 * @control: the switches
 * @restart_ms: (out): the refusal time of a requested restart, or -1; the caller restarts
 *   (after its HTTP reply is out, for the control route)
 * @error: return location for a bad switch
 *
 * Must run in the simulator's context.
 *
 * Returns: %TRUE if @control was valid and applied
 */
gboolean
_lk_comfy_sim_apply_control (LkComfySim  *self,
                             JsonObject  *control,
                             gint64      *restart_ms,
                             GError     **error)
{
  Parsed parsed = { .restart_ms = -1 };
  gboolean ok = parse (control, &parsed, error);

#define HAS(key) json_object_has_member (control, key)
  if (ok)
    {
      if (parsed.reset)
        {
          self->drop_ws_after_step = 0;
          set_stalled (self, FALSE);
          g_hash_table_remove_all (self->fail_routes);
          self->history_delay_ms = 0;
          self->hostile_names = LK_COMFY_SIM_HOSTILE_NONE;
          g_clear_pointer (&self->reject_prompts, g_free);
          self->origin_check = LK_COMFY_SIM_ORIGIN_LOOPBACK;
          self->reconnect_hazard = FALSE;
        }
      if (HAS ("drop_ws_after_step"))
        self->drop_ws_after_step = (guint)parsed.drop_ws_after_step;
      if (HAS ("fail_route"))
        {
          if (parsed.fail_status == 0)
            g_hash_table_remove (self->fail_routes, parsed.fail_route);
          else
            g_hash_table_replace (self->fail_routes, g_strdup (parsed.fail_route),
                                  GUINT_TO_POINTER ((guint)parsed.fail_status));
        }
      if (HAS ("history_delay_ms"))
        self->history_delay_ms = (guint)parsed.history_delay_ms;
      if (HAS ("hostile_names"))
        self->hostile_names = (LkComfySimHostileNames)parsed.hostile;
      if (HAS ("reject_prompts"))
        {
          g_free (self->reject_prompts);
          self->reject_prompts = g_strdup (lk_sim_json_get_string (control, "reject_prompts"));
        }
      if (HAS ("origin_check"))
        self->origin_check = (LkComfySimOriginCheck)parsed.origin;
      if (HAS ("reconnect_hazard"))
        self->reconnect_hazard = parsed.hazard;
      if (HAS ("step_ms"))
        self->step_ms = (guint)parsed.step_ms;
      if (HAS ("preview_method"))
        {
          g_free (self->preview_method);
          self->preview_method = g_strdup (preview_methods[parsed.preview]);
        }
      if (HAS ("stall"))
        set_stalled (self, parsed.stall);
      if (parsed.release)
        set_stalled (self, FALSE);
    }
#undef HAS

  g_free (parsed.fail_route);
  *restart_ms = ok ? parsed.restart_ms : -1;
  return ok;
}

/**
 * _lk_comfy_sim_control_state:
 * @self: a simulator
 *
 * Returns: (transfer full): the switches, the queue length and the socket count
 */
JsonObject *
_lk_comfy_sim_control_state (LkComfySim *self)
{
  JsonObject *state = json_object_new ();
  JsonObject *routes = json_object_new ();
  GHashTableIter iter;
  gpointer route, status;

  g_hash_table_iter_init (&iter, self->fail_routes);
  while (g_hash_table_iter_next (&iter, &route, &status))
    json_object_set_int_member (routes, route, GPOINTER_TO_UINT (status));

  json_object_set_int_member (state, "drop_ws_after_step", self->drop_ws_after_step);
  json_object_set_boolean_member (state, "stall", self->stalled);
  json_object_set_object_member (state, "fail_routes", routes);
  json_object_set_int_member (state, "history_delay_ms", self->history_delay_ms);
  json_object_set_string_member (state, "hostile_names", hostile_names[self->hostile_names]);
  json_object_set_string_member (state, "reject_prompts", self->reject_prompts);
  json_object_set_string_member (state, "origin_check", origin_checks[self->origin_check]);
  json_object_set_boolean_member (state, "reconnect_hazard", self->reconnect_hazard);
  json_object_set_int_member (state, "step_ms", self->step_ms);
  json_object_set_string_member (state, "preview_method", self->preview_method);
  json_object_set_int_member (state, "port", self->bound_port);
  json_object_set_int_member (state, "queue_remaining",
                              self->queue ? lk_sim_queue_remaining (self->queue) : 0);
  json_object_set_int_member (state, "sockets", self->hub ? lk_sim_hub_count (self->hub) : 0);
  json_object_set_int_member (state, "routed_sockets",
                              self->hub ? lk_sim_hub_count_routed (self->hub) : 0);
  return state;
}

/**
 * _lk_comfy_sim_route_failure:
 * @self: a simulator
 * @route: a request path without its /api prefix
 *
 * Returns: the status to answer instead of serving @route, or 0
 */
guint
_lk_comfy_sim_route_failure (LkComfySim *self,
                             const char *route)
{
  GHashTableIter iter;
  gpointer key, status;

  g_hash_table_iter_init (&iter, self->fail_routes);
  while (g_hash_table_iter_next (&iter, &key, &status))
    {
      gsize len = strlen (key);

      if (strncmp (route, key, len) == 0 && (route[len] == '\0' || route[len] == '/'))
        return GPOINTER_TO_UINT (status);
    }
  return 0;
}

static void
control_one (LkComfySim *self,
             JsonNode   *value,
             const char *key)
{
  g_autoptr(JsonObject) control = json_object_new ();

  json_object_set_member (control, key, value);
  lk_comfy_sim_control (self, control, NULL);
}

void
lk_comfy_sim_set_drop_sockets_after_step (LkComfySim *self,
                                          guint       step)
{
  control_one (self, lk_sim_json_int (step), "drop_ws_after_step");
}

void
lk_comfy_sim_restart (LkComfySim *self,
                      guint       refuse_ms)
{
  JsonObject *restart = json_object_new ();

  json_object_set_int_member (restart, "refuse_ms", refuse_ms);
  control_one (self, lk_sim_json_object_node (restart), "restart");
}

void
lk_comfy_sim_set_stalled (LkComfySim *self,
                          gboolean    stalled)
{
  control_one (self, lk_sim_json_bool (stalled), "stall");
}

void
lk_comfy_sim_set_route_failure (LkComfySim *self,
                                const char *route,
                                guint       status)
{
  JsonObject *failure = json_object_new ();

  json_object_set_string_member (failure, "route", route);
  json_object_set_int_member (failure, "status", status);
  control_one (self, lk_sim_json_object_node (failure), "fail_route");
}

void
lk_comfy_sim_set_history_delay (LkComfySim *self,
                                guint       delay_ms)
{
  control_one (self, lk_sim_json_int (delay_ms), "history_delay_ms");
}

void
lk_comfy_sim_set_hostile_names (LkComfySim             *self,
                                LkComfySimHostileNames  kind)
{
  g_return_if_fail (kind <= LK_COMFY_SIM_HOSTILE_ALL);
  control_one (self, lk_sim_json_string (hostile_names[kind]), "hostile_names");
}

void
lk_comfy_sim_set_reject_prompts (LkComfySim *self,
                                 const char *error_type)
{
  control_one (self, lk_sim_json_string (error_type), "reject_prompts");
}

void
lk_comfy_sim_set_origin_check (LkComfySim            *self,
                               LkComfySimOriginCheck  mode)
{
  g_return_if_fail (mode <= LK_COMFY_SIM_ORIGIN_STRICT);
  control_one (self, lk_sim_json_string (origin_checks[mode]), "origin_check");
}

void
lk_comfy_sim_set_reconnect_hazard (LkComfySim *self,
                                   gboolean    enabled)
{
  control_one (self, lk_sim_json_bool (enabled), "reconnect_hazard");
}
