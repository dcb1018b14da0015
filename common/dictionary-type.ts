/**
 * The type of a translation dictionary derived from the English one: same keys and argument lists,
 * any text. A key missing from another language, or a function with other arguments, fails to
 * compile. Shared by main's and the renderer's dictionaries.
 */
export type DictionaryOf<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : { readonly [K in keyof T]: DictionaryOf<T[K]> };
