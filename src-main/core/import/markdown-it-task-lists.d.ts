// markdown-it-task-lists ships no types (and none are published): the one call this project makes.
declare module 'markdown-it-task-lists' {
  import type { MarkdownIt } from 'markdown-it';

  interface TaskListOptions {
    /** Whether checkboxes can be ticked (false: rendered `disabled`). */
    enabled?: boolean;
    label?: boolean;
    labelAfter?: boolean;
  }

  export default function markdownItTaskLists(markdown: MarkdownIt, options?: TaskListOptions): void;
}
