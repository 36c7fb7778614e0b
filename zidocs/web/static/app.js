// zidocs web: small behaviour without any inline script (strict CSP).
// 1. Upload size check before sending (the server enforces the limit anyway).
// 2. Confirmation before a removal.
// 3. Drag and drop of files onto the upload form.
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  var tanya = form.getAttribute("data-tanya");
  if (tanya && !window.confirm(tanya)) { ev.preventDefault(); return; }
  var maxMb = form.getAttribute("data-max-mb");
  if (!maxMb) return;
  var total = 0;
  form.querySelectorAll("input[type=file]").forEach(function (inp) {
    for (var i = 0; i < inp.files.length; i++) total += inp.files[i].size;
  });
  if (total > maxMb * 1024 * 1024) {
    ev.preventDefault();
    window.alert("Unggahan melebihi batas " + maxMb + " MB. Perkecil berkas atau unggah sebagian dulu.");
  }
});
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("form-unggah");
  var input = document.getElementById("berkas");
  if (!form || !input) return;
  form.addEventListener("dragover", function (ev) { ev.preventDefault(); form.classList.add("seret"); });
  form.addEventListener("dragleave", function () { form.classList.remove("seret"); });
  form.addEventListener("drop", function (ev) {
    ev.preventDefault();
    form.classList.remove("seret");
    if (ev.dataTransfer && ev.dataTransfer.files.length) input.files = ev.dataTransfer.files;
  });
});
