;;; diagnostics.el --- Emacs 28 + eglot 1.9 (Debian bookworm) as an LSP client of dist/server.js -*- lexical-binding: t -*-
;; Driven by test/editors/eglot.test.ts with `emacs --batch -l diagnostics.el'. Inputs from the environment:
;;   KT_INIT (the README's eglot configuration, with the real server path), KT_FILE (the file to open),
;;   KT_EXPECT (how many diagnostics to wait for), KT_RESULT (where to write what flymake shows, as JSON).
;; eglot advertises workspace/configuration and answers it from `eglot-workspace-configuration', so this is
;; the pull path (neovim 0.7 is the push path). `eglot-ensure' (the README's hook) never fires in batch mode,
;; so we start eglot the way M-x eglot does, from `eglot-server-programs'; process output and timers only run
;; while we pump `accept-process-output'.
(require 'eglot)
(require 'yaml-mode)
(require 'flymake)
(require 'json)

(load (getenv "KT_INIT") nil t)
(setq eglot-sync-connect t)

(defun kt-pump-until (predicate seconds)
  "Process events until PREDICATE is true or SECONDS pass; return PREDICATE's last value."
  (let ((deadline (+ (float-time) seconds)) (done nil))
    (while (and (not (setq done (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    done))

(defun kt-diagnostics ()
  (vconcat
   (mapcar (lambda (d)
             `((line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
               (type . ,(symbol-name (flymake-diagnostic-type d)))
               (text . ,(flymake-diagnostic-text d))))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(let ((expected (string-to-number (getenv "KT_EXPECT")))
      (result nil))
  (find-file (getenv "KT_FILE"))
  (yaml-mode)
  (let ((contact (eglot--guess-contact)))
    (push `(command . ,(vconcat (nth 3 contact))) result)
    (apply #'eglot contact))
  (flymake-start)
  (unless (kt-pump-until (lambda () (= (length (flymake-diagnostics)) expected)) 20)
    (push `(error . ,(format "not %d diagnostics within 20 s" expected)) result))
  (push `(diagnostics . ,(kt-diagnostics)) result)
  (push `(server . ,(let ((server (eglot-current-server))) (and server (plist-get (eglot--server-info server) :name)))) result)
  (with-temp-file (getenv "KT_RESULT") (insert (json-encode result)))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))
