// Applies the reader's chosen theme before the first paint, so a reload never
// flashes the other one. The app's theme toggle writes this key (src/theme.rs).
try {
  var theme = localStorage.getItem('quire.theme');
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.setAttribute('data-theme', theme);
  }
} catch (e) {
  // Storage blocked: the system's theme applies.
}
