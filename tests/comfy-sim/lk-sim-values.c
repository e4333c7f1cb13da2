/* lk-sim-values.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-validate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lk-sim-json.h"
#include "lk-sim-values.h"

/* Widget values as validate_inputs() sees them: Python's int(), float(), str() and bool()
 * with their error texts, numbers for the min/max checks, and link type compatibility. */

/* comfy_execution.validation.validate_node_input(), plus VHS's MultiInput ("A|B"). */
gboolean
lk_sim_types_compatible (const char          *received,
                         const LkSimInputDef *input)
{
  g_auto(GStrv) have = NULL;
  g_auto(GStrv) want = NULL;

  if (input->type == NULL)
    return FALSE;
  if (strcmp (received, input->type) == 0)
    return TRUE;
  if (strchr (input->type, '|'))
    {
      g_auto(GStrv) alternatives = g_strsplit (input->type, "|", -1);

      return g_strv_contains ((const char * const *)alternatives, received);
    }

  have = g_strsplit (received, ",", -1);
  want = g_strsplit (input->type, ",", -1);
  for (guint i = 0; have[i]; i++)
    g_strstrip (have[i]);
  for (guint i = 0; want[i]; i++)
    g_strstrip (want[i]);
  if (g_strv_contains ((const char * const *)have, "*")
      || g_strv_contains ((const char * const *)want, "*"))
    return TRUE;
  for (guint i = 0; have[i]; i++)
    if (g_strv_contains ((const char * const *)want, have[i]))
      return TRUE;
  return FALSE;
}

/* int(), float(), str() and bool() of a widget value; NULL and *message on failure. */
JsonNode *
lk_sim_coerce (const char  *type,
               JsonNode    *value,
               char       **message)
{
  GType vtype = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
  g_autofree char *repr = NULL;

  if (g_strcmp0 (type, "STRING") == 0)
    {
      g_autofree char *text = lk_sim_py_str (value);

      return lk_sim_json_string (text);
    }
  if (g_strcmp0 (type, "BOOLEAN") == 0)
    return lk_sim_json_bool (lk_sim_py_truth (value));

  if (g_strcmp0 (type, "INT") == 0)
    {
      gint64 v;

      if (vtype == G_TYPE_INT64)
        return lk_sim_json_int (json_node_get_int (value));
      if (vtype == G_TYPE_BOOLEAN)
        return lk_sim_json_int (json_node_get_boolean (value) ? 1 : 0);
      if (vtype == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (value);

          if (isnan (d))
            *message = g_strdup ("cannot convert float NaN to integer");
          else if (isinf (d))
            *message = g_strdup ("cannot convert float infinity to integer");
          else
            return lk_sim_json_int ((gint64)CLAMP (trunc (d), (double)G_MININT64,
                                                   (double)G_MAXINT64));
          return NULL;
        }
      if (vtype == G_TYPE_STRING)
        {
          if (lk_sim_py_parse_int (json_node_get_string (value), &v))
            return lk_sim_json_int (v);
          repr = lk_sim_py_repr (value);
          *message = g_strdup_printf ("invalid literal for int() with base 10: %s", repr);
          return NULL;
        }
      *message = g_strdup_printf ("int() argument must be a string, a bytes-like object or a real "
                                  "number, not '%s'", lk_sim_py_type_name (value));
      return NULL;
    }

  if (g_strcmp0 (type, "FLOAT") == 0)
    {
      double d;

      if (vtype == G_TYPE_INT64)
        return lk_sim_json_double ((double)json_node_get_int (value));
      if (vtype == G_TYPE_BOOLEAN)
        return lk_sim_json_double (json_node_get_boolean (value) ? 1.0 : 0.0);
      if (vtype == G_TYPE_DOUBLE)
        return lk_sim_json_double (json_node_get_double (value));
      if (vtype == G_TYPE_STRING)
        {
          if (lk_sim_py_parse_float (json_node_get_string (value), &d))
            return lk_sim_json_double (d);
          repr = lk_sim_py_repr (value);
          *message = g_strdup_printf ("could not convert string to float: %s", repr);
          return NULL;
        }
      *message = g_strdup_printf ("float() argument must be a string or a real number, not '%s'",
                                  lk_sim_py_type_name (value));
      return NULL;
    }

  return json_node_copy (value);
}

gboolean
lk_sim_as_number (JsonNode *node,
                  double   *out)
{
  GType type;
  g_autoptr(JsonNode) uint64_max = lk_sim_json_uint64_max ();

  if (node == NULL || node == uint64_max || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double)json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else if (type == G_TYPE_BOOLEAN)
    *out = json_node_get_boolean (node) ? 1 : 0;
  else
    return FALSE;
  return TRUE;
}
