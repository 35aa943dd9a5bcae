import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".data/", "tools/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    // The simulator's and the console's page scripts run in the browser.
    files: ["simulator/page/**/*.js", "console/assets/**/*.js", "public-reports/assets/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        ["window", "document", "fetch", "URLSearchParams", "EventSource", "localStorage", "setTimeout", "clearTimeout", "confirm", "L"].map((g) => [g, "readonly"]),
      ),
    },
  },
  {
    files: ["cli/**", "bench/**", "tests/**"],
    rules: { "no-console": "off" },
  },
);
