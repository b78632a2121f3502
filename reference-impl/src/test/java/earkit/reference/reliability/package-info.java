/**
 * Cross-cutting black-box tests of the whole server (fuzzing, tampering with stored bytes, crashes,
 * concurrency, malformed HTTP, access control across services): they belong to no one main package,
 * so they live here rather than beside any class they exercise.
 */
package earkit.reference.reliability;
