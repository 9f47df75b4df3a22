/** Smallest window the layout is designed for (search column + reader side by side). */
export const MIN_WINDOW_WIDTH = 1024;
export const MIN_WINDOW_HEIGHT = 640;
