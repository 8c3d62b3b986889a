// JSON Schemas of the scenario and sweep files, written from the format table
// (format_table.hpp; `flowfolio schema`, docs/editors.md).
#include "flowfolio/yaml/json_schema.hpp"

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "yaml/format_table.hpp"

namespace flowfolio {

namespace {
using nlohmann::ordered_json;
using format::Key;
using format::Kind;

constexpr const char* kDialect = "https://json-schema.org/draft/2020-12/schema";

// A number's bounds, as the reader's Range has them.
ordered_json number_schema(Range range) {
  ordered_json n = {{"type", "number"}};
  switch (range) {
    case Range::kAny: break;
    case Range::kUnit: n["minimum"] = 0; n["maximum"] = 1; break;
    case Range::kPositive: n["exclusiveMinimum"] = 0; break;
    case Range::kNonNegative: n["minimum"] = 0; break;
    case Range::kAboveMinusOne: n["exclusiveMinimum"] = -1; break;
    case Range::kOpenUnit: n["exclusiveMinimum"] = 0; n["exclusiveMaximum"] = 1; break;
    case Range::kOpenUnitSymmetric: n["exclusiveMinimum"] = -1; n["exclusiveMaximum"] = 1; break;
  }
  return n;
}

ordered_json numbers_of(std::size_t count, const ordered_json& item) {
  ordered_json a = {{"type", "array"}, {"items", item}};
  a["minItems"] = count;
  a["maxItems"] = count;
  return a;
}

// One family of distribution, with its optional clip (and lambda for pert). `money`: no
// draw may fall below 0, as the reader requires of values, costs and losses.
ordered_json family(const char* name, const ordered_json& parameters, bool money, const char* description) {
  ordered_json clip = numbers_of(2, {{"type", "number"}});
  clip["description"] = "[lo, hi]: every draw is clamped into it";
  ordered_json properties = {{name, parameters}, {"clip", clip}};
  if (std::string(name) == "pert")
    properties["lambda"] = {{"type", "number"}, {"minimum", 0}, {"description", "The pert's shape (default 4)"}};
  ordered_json f = {{"type", "object"}, {"description", description}, {"properties", properties},
                    {"required", {name}}, {"additionalProperties", false}};
  if (money && std::string(name) == "normal") {
    // A normal reaches below 0 unless a clip's lower bound stops it.
    f["required"].push_back("clip");
    f["properties"]["clip"]["prefixItems"] = {{{"type", "number"}, {"minimum", 0}}};
  }
  return f;
}

// The distributions of MODEL.md section 10, as `$defs` entries "distribution" and "money".
ordered_json distribution_schema(bool money) {
  const ordered_json value = money ? number_schema(Range::kNonNegative) : ordered_json{{"type", "number"}};
  const ordered_json positive = number_schema(Range::kPositive), nonnegative = number_schema(Range::kNonNegative);
  ordered_json lognormal = {{"oneOf",
                             {{{"type", "object"}, {"properties", {{"median", positive}, {"sigma", nonnegative}}},
                               {"required", {"median", "sigma"}}, {"additionalProperties", false}},
                              {{"type", "object"}, {"properties", {{"p5", positive}, {"p95", positive}}},
                               {"required", {"p5", "p95"}}, {"additionalProperties", false}}}}};
  ordered_json beta_range = numbers_of(2, value);
  return {{"description", money ? "A number >= 0, or a distribution none of whose draws can fall below 0"
                                : "A number, or a distribution (MODEL.md section 10)"},
          {"oneOf",
           {value,
            family("uniform", numbers_of(2, value), money, "uniform: [lo, hi]"),
            family("triangular", numbers_of(3, value), money, "triangular: [lo, mode, hi]"),
            family("pert", numbers_of(3, value), money, "pert: [lo, mode, hi], with an optional lambda"),
            family("normal",
                   {{"type", "object"}, {"properties", {{"mean", {{"type", "number"}}}, {"sd", nonnegative}}},
                    {"required", {"mean", "sd"}}, {"additionalProperties", false}},
                   money, "normal: {mean, sd}"),
            family("lognormal", lognormal, money, "lognormal: {median, sigma} or {p5, p95}"),
            family("beta",
                   {{"type", "object"},
                    {"properties", {{"a", positive}, {"b", positive}, {"range", beta_range}}},
                    {"required", {"a", "b"}}, {"additionalProperties", false}},
                   money, "beta: {a, b, range}"),
            family("discrete",
                   {{"type", "object"},
                    {"properties", {{"values", {{"type", "array"}, {"items", value}, {"minItems", 1}}},
                                    {"weights", {{"type", "array"}, {"items", nonnegative}}}}},
                    {"required", {"values"}}, {"additionalProperties", false}},
                   money, "discrete: {values, weights}")}}};
}

// Text as the reader takes it: any scalar.
ordered_json scalar_text(bool not_empty) {
  ordered_json text = {{"type", "string"}};
  if (not_empty) text["minLength"] = 1;
  return {{"anyOf", {text, {{"type", {"number", "boolean"}}}}}};
}

const ordered_json kString = {{"type", "string"}};

ordered_json key_schema(const Key& k, bool partial);

// An object of the table, as a `$defs` entry; `partial`: as an extending file gives it, with
// nothing required but an entity's name.
ordered_json object_schema(const format::Object& o, bool partial) {
  ordered_json properties = ordered_json::object();
  ordered_json required = ordered_json::array();
  for (const Key& k : o.keys) {
    properties[std::string(k.name)] = key_schema(k, partial);
    if (k.required && (!partial || k.name == "name")) required.push_back(std::string(k.name));
  }
  ordered_json schema = {{"type", "object"}, {"description", o.description}, {"properties", properties},
                         {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  // An axis's points are given one way: values or scale.
  if (o.name == "axis" || o.name == "axis_points")
    schema["oneOf"] = {{{"required", {"values"}}}, {{"required", {"scale"}}}};
  return schema;
}

std::string ref(std::string_view object, bool partial) {
  return "#/$defs/" + std::string(object) + (partial ? "_extending" : "");
}

ordered_json key_schema(const Key& k, bool partial) {
  ordered_json s;
  switch (k.kind) {
    case Kind::kNumber: s = number_schema(k.range); break;
    case Kind::kWhole:
      s = {{"type", "integer"}, {"minimum", k.minimum}};
      if (k.most > 0) s["maximum"] = k.most;
      break;
    case Kind::kText: s = scalar_text(false); break;
    case Kind::kName: s = scalar_text(true); break;
    case Kind::kBoolean: s = {{"type", "boolean"}}; break;
    case Kind::kChoice: s = {{"enum", k.choices}}; break;
    case Kind::kDistribution:
      s = {{"oneOf", {number_schema(k.range), {{"$ref", "#/$defs/distribution"}, {"not", {{"type", "number"}}}}}}};
      break;
    case Kind::kMoney: s = {{"$ref", "#/$defs/money"}}; break;
    case Kind::kObject: s = {{"$ref", ref(k.object, partial)}}; break;
    case Kind::kList:
      s = {{"type", "array"}, {"items", {{"$ref", ref(k.object, partial)}}}};
      if (k.required && !partial && k.name != "staff") s["minItems"] = 1;
      break;
    case Kind::kNumbers:
      s = {{"type", "array"}, {"items", number_schema(k.range)}};
      if (k.count > 0) s["maxItems"] = k.count;
      s["minItems"] = k.count > 0 ? k.count : (k.may_be_empty ? 0 : 1);
      break;
    case Kind::kNames:
      s = {{"type", "array"}, {"items", kString}};
      if (k.count > 0) {
        s["minItems"] = k.count;
        s["maxItems"] = k.count;
      }
      break;
    case Kind::kReference: s = kString; break;
    case Kind::kDemand: s = {{"type", "object"}, {"additionalProperties", number_schema(Range::kNonNegative)}}; break;
    case Kind::kRoles: s = {{"type", "object"}, {"additionalProperties", {{"type", "array"}, {"items", kString}}}}; break;
    case Kind::kPairs:
      s = {{"type", "array"}, {"items", {{"type", "array"}, {"items", kString}, {"minItems", 2}, {"maxItems", 2}}}};
      break;
    case Kind::kPaths:
      s = {{"oneOf", {kString, {{"type", "array"}, {"items", kString}, {"minItems", 1}}}}};
      break;
    case Kind::kChoices:
      s = {{"type", "array"}, {"items", {{"enum", k.choices}}}, {"minItems", 1}, {"uniqueItems", true}};
      break;
    case Kind::kSettings: s = {{"type", "object"}}; break;
    case Kind::kGrid: {
      const ordered_json points = {{"oneOf", {{{"type", "array"}, {"minItems", 1}}, {{"$ref", ref("axis_points", false)}}}}};
      s = {{"oneOf", {{{"type", "object"}, {"minProperties", 1}, {"additionalProperties", points}},
                      {{"type", "array"}, {"minItems", 1}, {"items", {{"$ref", ref("axis", false)}}}}}}};
      break;
    }
    case Kind::kPoints:
      s = {{"oneOf", {{{"type", "array"}, {"minItems", 1}}, {{"$ref", ref("range", false)}}}}};
      break;
  }
  s["description"] = k.description;
  return s;
}

// The `$defs` of every object reachable from `top`, strict and (for the scenario) as an
// extending file gives them.
void add_definitions(ordered_json& defs, std::string_view name, bool partial) {
  const std::string key = std::string(name) + (partial ? "_extending" : "");
  if (defs.contains(key)) return;
  const format::Object& o = format::object(name);
  defs[key] = object_schema(o, partial);
  for (const Key& k : o.keys) {
    if (k.kind == Kind::kObject || k.kind == Kind::kList) add_definitions(defs, k.object, partial);
    if (k.kind == Kind::kGrid) {
      add_definitions(defs, "axis", partial);
      add_definitions(defs, "axis_points", partial);
    }
    if (k.kind == Kind::kPoints) add_definitions(defs, "range", partial);
  }
}

std::string schema_text(std::string_view top, const char* id, const char* title) {
  ordered_json defs = {{"distribution", distribution_schema(false)}, {"money", distribution_schema(true)}};
  add_definitions(defs, top, false);
  ordered_json schema = {{"$schema", kDialect}, {"$id", id}, {"title", title},
                         {"description", format::object(top).description}};
  if (top == "scenario") {
    // A file that extends another gives only what differs: nothing is required of it.
    add_definitions(defs, top, true);
    schema["if"] = {{"type", "object"}, {"required", {"extends"}}};
    schema["then"] = {{"$ref", ref(top, true)}};
    schema["else"] = {{"$ref", ref(top, false)}};
  } else {
    schema["$ref"] = ref(top, false);
  }
  schema["$defs"] = defs;
  return json_text(schema, 2) + "\n";
}
}  // namespace

std::string scenario_json_schema() {
  return schema_text("scenario", "urn:flowfolio:schema:scenario", "flowfolio scenario");
}

std::string sweep_json_schema() {
  return schema_text("sweep", "urn:flowfolio:schema:sweep", "flowfolio sweep");
}

}  // namespace flowfolio
